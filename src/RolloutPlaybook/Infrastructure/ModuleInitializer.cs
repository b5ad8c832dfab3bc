using System;
using System.IO;
using System.Runtime.CompilerServices;
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
        internal static readonly string[] PrivateAssemblies =
        {
            "RolloutPlaybook.Core", "YamlDotNet", "Scriban", "Scriban.Signed",
            // PowerShell 7 only: the live-database reader and its driver (SPEC §10).
            "RolloutPlaybook.Database", "Npgsql", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions",
        };

        /// <summary>The edition folder (core/ or desktop/) this assembly was loaded from.</summary>
        internal static readonly string EditionFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

        public void OnImport()
        {
            // Unsubscribe first: Import-Module -Force runs OnImport again, and one handler is enough.
#if NETFRAMEWORK
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnDesktop;
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
#else
            AssemblyLoadContext.Default.Resolving -= ResolveCore;
            AssemblyLoadContext.Default.Resolving += ResolveCore;
#endif
            SetSchemaCopy();
        }

        /// <summary>
        /// Plans written outside a repository that holds the schema point at the module's copy (schemas/ beside the
        /// manifest). A method of its own: Core is resolved through the handlers above, so it must not be touched before.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void SetSchemaCopy()
            => Core.PlanFiles.PlanSchemaReference.InstalledCopy = Path.Combine(Path.GetDirectoryName(EditionFolder)!,
                Core.PlanFiles.PlanJsonSchema.FolderName, Core.PlanFiles.PlanJsonSchema.FileName);

        public void OnRemove(PSModuleInfo module)
        {
#if NETFRAMEWORK
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnDesktop;
#else
            AssemblyLoadContext.Default.Resolving -= ResolveCore;
#endif
        }

#if NETFRAMEWORK
        /// <summary>
        /// Windows PowerShell has one load context per process: hand out our copies only for our own dependencies
        /// (the private names) or to assemblies of this module (e.g. System.Memory at another version than a
        /// reference asks for: there are no binding redirects in powershell.exe.config). Another module asking for
        /// some assembly does not get ours.
        /// </summary>
        private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            bool ours = Array.IndexOf(PrivateAssemblies, name.Name) >= 0 || IsModuleAssembly(args.RequestingAssembly);
            if (!ours) return null;
            var path = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool IsModuleAssembly(Assembly? assembly)
        {
            if (assembly == null || assembly.IsDynamic) return false;
            var location = assembly.Location;
            return !string.IsNullOrEmpty(location) && location.StartsWith(EditionFolder + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
        }
#else
        /// <summary>The default context asks only for the core and the database reader (the cmdlets reference them); hand it the isolated copies.</summary>
        private static Assembly? ResolveCore(AssemblyLoadContext context, AssemblyName name)
            => string.Equals(name.Name, "RolloutPlaybook.Core", StringComparison.Ordinal) || string.Equals(name.Name, "RolloutPlaybook.Database", StringComparison.Ordinal)
                ? ModuleLoadContext.Instance.LoadFromAssemblyName(name) : null;
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
