using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace RolloutPlaybook.HelpGenerator
{
    /// <summary>How a parameter behaves in one parameter set.</summary>
    internal sealed record ParameterSetFacts(bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

    /// <summary>What the code says about a parameter: the facts help must not restate by hand.</summary>
    internal sealed class ParameterFacts
    {
        public string Name { get; init; } = "";
        public Type Type { get; init; } = typeof(object);
        public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
        public bool Globbing { get; init; }
        /// <summary>Set name → facts; "__AllParameterSets" when the parameter is in every set.</summary>
        public IReadOnlyDictionary<string, ParameterSetFacts> Sets { get; init; } = new Dictionary<string, ParameterSetFacts>();
        public bool IsSwitch => Type == typeof(SwitchParameter);

        public ParameterSetFacts? In(string set)
            => Sets.TryGetValue(set, out var facts) ? facts : Sets.TryGetValue(ParameterAttribute.AllParameterSets, out var all) ? all : null;
    }

    /// <summary>What the code says about a cmdlet.</summary>
    internal sealed class CommandFacts
    {
        public string Name => Verb + "-" + Noun;
        public string Verb { get; init; } = "";
        public string Noun { get; init; } = "";
        public bool SupportsShouldProcess { get; init; }
        public string? DefaultParameterSet { get; init; }
        public IReadOnlyList<ParameterFacts> Parameters { get; init; } = Array.Empty<ParameterFacts>();
        public IReadOnlyList<Type> OutputTypes { get; init; } = Array.Empty<Type>();

        /// <summary>The parameter sets in Get-Command's order: the default first, then by name.</summary>
        public IReadOnlyList<string> ParameterSets
        {
            get
            {
                var named = Parameters.SelectMany(p => p.Sets.Keys).Where(s => s != ParameterAttribute.AllParameterSets).Distinct().ToList();
                if (named.Count == 0) return new[] { ParameterAttribute.AllParameterSets };
                // A default set that no parameter names (only the all-sets parameters belong to it) is still a set.
                if (!string.IsNullOrEmpty(DefaultParameterSet) && !named.Contains(DefaultParameterSet!)) named.Add(DefaultParameterSet!);
                return named.OrderBy(s => s == DefaultParameterSet ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal).ToList();
            }
        }

        /// <summary>Types that arrive from the pipeline.</summary>
        public IEnumerable<Type> InputTypes
            => Parameters.Where(p => p.Sets.Values.Any(s => s.ByValue || s.ByPropertyName)).Select(p => p.Type).Distinct();

        /// <summary>Reads every cmdlet of a compiled cmdlet assembly, resolving its neighbours (and dependencies/) by path.</summary>
        public static IReadOnlyList<CommandFacts> Read(string assemblyPath)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
            var context = new ToolLoadContext(folder);
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            var result = new List<CommandFacts>();
            foreach (var type in assembly.GetExportedTypes().Where(t => !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                var cmdlet = type.GetCustomAttribute<CmdletAttribute>();
                if (cmdlet == null) continue;
                var metadata = new CommandMetadata(type);
                var parameters = new List<ParameterFacts>();
                foreach (var p in metadata.Parameters.Values)
                {
                    var property = type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance);
                    parameters.Add(new ParameterFacts
                    {
                        Name = p.Name,
                        Type = p.ParameterType,
                        Aliases = p.Aliases.ToList(),
                        Globbing = property?.IsDefined(typeof(SupportsWildcardsAttribute), inherit: true) == true,
                        Sets = p.ParameterSets.ToDictionary(
                            s => s.Key,
                            s => new ParameterSetFacts(s.Value.IsMandatory, s.Value.Position == int.MinValue ? null : s.Value.Position,
                                s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName)),
                    });
                }
                result.Add(new CommandFacts
                {
                    Verb = cmdlet.VerbName,
                    Noun = cmdlet.NounName,
                    SupportsShouldProcess = cmdlet.SupportsShouldProcess,
                    DefaultParameterSet = cmdlet.DefaultParameterSetName,
                    Parameters = OrderParameters(parameters, type),
                    OutputTypes = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type).Select(t => t.Type).Where(t => t != null).Distinct().ToList()!,
                });
            }
            return result;
        }

        /// <summary>Positional parameters first (by position), then in declaration order (the cmdlet's own before its base class's).</summary>
        private static IReadOnlyList<ParameterFacts> OrderParameters(List<ParameterFacts> parameters, Type type)
        {
            var declared = new List<string>();
            for (var t = type; t != null; t = t.BaseType)
                declared.AddRange(t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken).Select(p => p.Name));
            return parameters
                .OrderBy(p => p.Sets.Values.Select(s => s.Position ?? int.MaxValue).Min())
                .ThenBy(p => declared.IndexOf(p.Name) is var i && i >= 0 ? i : int.MaxValue)
                .ThenBy(p => p.Name, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Resolves the cmdlet assembly's references from its folder and its dependencies/ folder; the engine is ours.</summary>
        private sealed class ToolLoadContext : AssemblyLoadContext
        {
            private readonly string[] folders;

            public ToolLoadContext(string folder) : base("RolloutPlaybook.HelpGenerator", isCollectible: true)
            {
                folders = new[] { folder, Path.Combine(folder, "dependencies") };
            }

            protected override Assembly? Load(AssemblyName name)
            {
                if (name.Name == "System.Management.Automation") return null; // the engine this tool references
                foreach (var folder in folders)
                {
                    var path = Path.Combine(folder, name.Name + ".dll");
                    if (File.Exists(path)) return LoadFromAssemblyPath(path);
                }
                return null;
            }
        }
    }
}
