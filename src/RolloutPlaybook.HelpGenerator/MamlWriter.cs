using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;

namespace RolloutPlaybook.HelpGenerator
{
    /// <summary>Writes MAML command help (the XML Get-Help reads for cmdlets) from code facts plus hand-written text.</summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>Where docs/help is published: the project's repository (ProjectUri in the manifest).</summary>
        public const string OnlineHelpBase = "https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/docs/help/";

        private static readonly IReadOnlyDictionary<string, string> ShouldProcessText = new Dictionary<string, string>
        {
            ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is written.",
            ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
        };

        public static XDocument Write(IEnumerable<(CommandFacts Facts, HelpSource Help)> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev));
            foreach (var (facts, help) in commands) root.Add(CommandElement(facts, help));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XElement CommandElement(CommandFacts facts, HelpSource help)
        {
            var documented = help.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var parameters = AllParameters(facts).ToList();
            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", facts.Name),
                    new XElement(Command + "verb", facts.Verb),
                    new XElement(Command + "noun", facts.Noun),
                    Description(Maml + "description", help.Synopsis)),
                Description(Maml + "description", help.Description),
                new XElement(Command + "syntax",
                    facts.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
                        new XElement(Maml + "name", facts.Name),
                        parameters.Where(p => p.Facts.In(set) != null)
                            .OrderBy(p => p.Facts.In(set)!.Position ?? int.MaxValue)
                            .ThenBy(p => p.Facts.In(set)!.Mandatory ? 0 : 1)
                            .Select(p => ParameterElement(p.Facts, p.Facts.In(set)!, Text(p.Facts, documented), Default(p.Facts, documented)))))),
                new XElement(Command + "parameters",
                    parameters.Select(p => ParameterElement(p.Facts, Summary(p.Facts), Text(p.Facts, documented), Default(p.Facts, documented)))),
                new XElement(Command + "inputTypes",
                    TypeEntries(Command + "inputType", facts.InputTypes, help.Inputs)),
                new XElement(Command + "returnValues",
                    TypeEntries(Command + "returnValue", facts.OutputTypes, help.Outputs)),
                new XElement(Maml + "alertSet",
                    new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples",
                    help.Examples.Select((e, i) => new XElement(Command + "example",
                        new XElement(Maml + "title", "--------- " + ExampleTitle(e.Title, i) + " ---------"),
                        new XElement(Dev + "code", e.Code),
                        new XElement(Dev + "remarks", Paras(e.Remarks.Concat(new[] { "" })))))),
                new XElement(Command + "relatedLinks",
                    // Get-Help -Online opens the first related link with a URI: the cmdlet's help page in the repository.
                    new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", "Online Version:"),
                        new XElement(Maml + "uri", OnlineHelpBase + facts.Name + ".md")),
                    help.RelatedLinks.Select(l => new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", l.Text),
                        new XElement(Maml + "uri", l.Uri ?? "")))));
        }

        private static string ExampleTitle(string title, int index)
            => title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? title : "Example " + (index + 1) + ": " + title;

        /// <summary>The code's parameters, plus -WhatIf/-Confirm for cmdlets that support ShouldProcess.</summary>
        private static IEnumerable<(ParameterFacts Facts, bool Generated)> AllParameters(CommandFacts facts)
        {
            foreach (var p in facts.Parameters) yield return (p, false);
            if (!facts.SupportsShouldProcess) yield break;
            foreach (var (name, alias) in new[] { ("WhatIf", "wi"), ("Confirm", "cf") })
                yield return (new ParameterFacts
                {
                    Name = name,
                    Type = typeof(SwitchParameter),
                    Aliases = new[] { alias },
                    Sets = new Dictionary<string, ParameterSetFacts> { [ParameterAttribute.AllParameterSets] = new ParameterSetFacts(false, null, false, false) },
                }, true);
        }

        /// <summary>One line of facts for the PARAMETERS section: required in every set it is in, pipeline input in any.</summary>
        private static ParameterSetFacts Summary(ParameterFacts p)
        {
            var sets = p.Sets.Values.ToList();
            var positions = sets.Select(s => s.Position).Distinct().ToList();
            return new ParameterSetFacts(
                sets.All(s => s.Mandatory),
                positions.Count == 1 ? positions[0] : null,
                sets.Any(s => s.ByValue),
                sets.Any(s => s.ByPropertyName));
        }

        private static IReadOnlyList<string> Text(ParameterFacts p, Dictionary<string, ParameterSource> documented)
            => documented.TryGetValue(p.Name, out var source) ? source.Description
                : ShouldProcessText.TryGetValue(p.Name, out var generated) ? new[] { generated } : Array.Empty<string>();

        private static string Default(ParameterFacts p, Dictionary<string, ParameterSource> documented)
            => documented.TryGetValue(p.Name, out var source) && source.DefaultValue != null ? source.DefaultValue
                : p.IsSwitch ? "False" : "None";

        private static XElement ParameterElement(ParameterFacts p, ParameterSetFacts set, IReadOnlyList<string> text, string defaultValue)
        {
            var element = new XElement(Command + "parameter",
                new XAttribute("required", set.Mandatory ? "true" : "false"),
                new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"),
                new XAttribute("globbing", p.Globbing ? "true" : "false"),
                new XAttribute("pipelineInput", PipelineInput(set)),
                new XAttribute("position", set.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
                new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
                new XElement(Maml + "name", p.Name),
                Description(Maml + "description", text));
            var enumType = p.Type.IsArray ? p.Type.GetElementType()! : p.Type;
            if (enumType.IsEnum)
                element.Add(new XElement(Command + "parameterValueGroup",
                    Enum.GetNames(enumType).Select(n => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), n))));
            if (!p.IsSwitch)
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"), ShortName(p.Type)));
            element.Add(new XElement(Dev + "type", new XElement(Maml + "name", FullName(p.Type)), new XElement(Maml + "uri")));
            element.Add(new XElement(Dev + "defaultValue", defaultValue));
            return element;
        }

        internal static string PipelineInput(ParameterSetFacts set)
        {
            if (set.ByValue && set.ByPropertyName) return "True (ByValue, ByPropertyName)";
            if (set.ByValue) return "True (ByValue)";
            if (set.ByPropertyName) return "True (ByPropertyName)";
            return "False";
        }

        private static IEnumerable<XElement> TypeEntries(XName name, IEnumerable<Type> codeTypes, IReadOnlyList<TypeSource> documented)
        {
            var byName = documented.ToDictionary(d => d.TypeName, StringComparer.OrdinalIgnoreCase);
            foreach (var type in codeTypes)
            {
                var full = FullName(type);
                byName.TryGetValue(full, out var source);
                yield return new XElement(name,
                    new XElement(Dev + "type", new XElement(Maml + "name", full), new XElement(Maml + "uri")),
                    Description(Maml + "description", source?.Description ?? Array.Empty<string>()));
            }
        }

        private static XElement Description(XName name, IEnumerable<string> paragraphs) => new XElement(name, Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

        /// <summary>System.String[] → String[], Nullable&lt;T&gt; → T: what the syntax shows.</summary>
        internal static string ShortName(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null) return ShortName(underlying);
            if (type.IsArray) return ShortName(type.GetElementType()!) + "[]";
            return type.Name;
        }

        internal static string FullName(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null) return FullName(underlying);
            if (type.IsArray) return FullName(type.GetElementType()!) + "[]";
            return type.FullName ?? type.Name;
        }
    }
}
