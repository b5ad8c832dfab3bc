using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
#if !NETFRAMEWORK
using System.Runtime.Loader;
#endif

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// Keeps the module's dependencies (the core, YamlDotNet, Scriban) to itself. They live in the
    /// <c>dependencies</c> folder beside this assembly, where PowerShell's own probing does not look.
    /// On PowerShell 7 they load into the module's own load context, so another module's YamlDotNet in the
    /// default context neither breaks ours nor is broken by it; on Windows PowerShell 5.1 they resolve from
    /// that folder. Only the dependency-free model assembly is shared with PowerShell (its types are the
    /// ones users see and name).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

        /// <summary>The assemblies only this module asks for.</summary>
        internal static readonly string[] PrivateAssemblies = { "RolloutPlaybook.Core", "YamlDotNet", "Scriban", "Scriban.Signed" };

        public void OnImport()
        {
#if NETFRAMEWORK
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
#else
            AssemblyLoadContext.Default.Resolving += ResolveCore;
#endif
        }

        public void OnRemove(PSModuleInfo module)
        {
#if NETFRAMEWORK
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnDesktop;
#else
            AssemblyLoadContext.Default.Resolving -= ResolveCore;
#endif
        }

#if NETFRAMEWORK
        private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var path = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
#else
        /// <summary>The default context asks only for the core (the cmdlets reference it); hand it the isolated copy.</summary>
        private static Assembly? ResolveCore(AssemblyLoadContext context, AssemblyName name)
            => string.Equals(name.Name, "RolloutPlaybook.Core", StringComparison.Ordinal) ? ModuleLoadContext.Instance.LoadFromAssemblyName(name) : null;
#endif
    }

#if !NETFRAMEWORK
    /// <summary>The module's own load context: the core and its third-party dependencies, nothing else.</summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        public static readonly ModuleLoadContext Instance = new ModuleLoadContext();

        private ModuleLoadContext() : base("RolloutPlaybook", isCollectible: false) { }

        protected override Assembly? Load(AssemblyName name)
        {
            if (Array.IndexOf(ModuleInitializer.PrivateAssemblies, name.Name) < 0) return null; // shared: framework, model
            var path = Path.Combine(ModuleInitializer.DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
#endif
}
