using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>One imported module shared by the tests of a class (a runspace runs one pipeline at a time; xunit runs a class's tests in sequence).</summary>
    public sealed class ModuleSessionFixture : IDisposable
    {
        public PowerShellSession Session { get; } = new PowerShellSession();
        public void Dispose() => Session.Dispose();
    }

    /// <summary>
    /// Help as a user sees it (Get-Help in the real engine) against the code as the engine sees it (Get-Command):
    /// every exported cmdlet has real MAML help, with synopsis, description and examples, documents exactly the
    /// parameters it has, and states their facts (required, position, pipeline input, type, aliases) as the code does.
    /// </summary>
    public class HelpTests : IClassFixture<ModuleSessionFixture>
    {
        private readonly PowerShellSession ps;

        public HelpTests(ModuleSessionFixture fixture) { ps = fixture.Session; }

        public static readonly string[] AuthoringCmdlets =
        {
            "Add-RolloutRoute", "Set-SyncStrategy", "Add-RolloutMetric", "Add-AgentTask", "Remove-AgentTask", "Add-ValidationCheck",
            "Set-ValidationResult", "Add-HandoffItem", "Add-RolloutNote", "Add-GateWaiver", "Set-RolloutPlan", "Set-RolloutPhase",
            "Remove-LinkingPoint", "Remove-RolloutRoute", "Remove-RouteWrite", "Remove-RolloutMetric", "Remove-ValidationCheck", "Remove-HandoffItem",
            "Remove-RolloutNote", "Remove-GateWaiver", "Set-AgentTask",
        };

        private static readonly string[] NotDocumented =
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        /// <summary>The cmdlets the module exports, asked of the engine (so every cmdlet merged into the assembly is covered).</summary>
        public static IEnumerable<object[]> ExportedCmdlets()
        {
            using var session = new PowerShellSession();
            return session.Run("Get-Command -Module RolloutPlaybook -CommandType Cmdlet | ForEach-Object Name").Output
                .Select(o => o.BaseObject.ToString()!).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n }).ToList();
        }

        [Fact]
        public void TheModuleExportsCmdlets()
            => Assert.NotEmpty(ExportedCmdlets());

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void HelpIsWrittenNotGenerated(string cmdlet)
        {
            var help = Help(cmdlet);
            Assert.True(help.TypeNames.Contains("MamlCommandHelpInfo"),
                cmdlet + ": Get-Help shows the engine's generated stub; write docs/help/" + cmdlet + ".md (format: docs/help/README.md)");
            var synopsis = (string?)Prop(help, "Synopsis") ?? "";
            Assert.False(string.IsNullOrWhiteSpace(synopsis), cmdlet + ": no synopsis");
            Assert.False(synopsis.TrimStart().StartsWith(cmdlet + " ", StringComparison.OrdinalIgnoreCase), cmdlet + ": the synopsis is the syntax (a stub)");
            Assert.False(string.IsNullOrWhiteSpace(Text(Prop(help, "description"))), cmdlet + ": no description");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void HelpHasTwoOrMoreExamplesWithCodeAndExplanation(string cmdlet)
        {
            var examples = Items(Prop(Prop(Help(cmdlet), "examples"), "example")).ToList();
            Assert.True(examples.Count >= 2, cmdlet + ": " + examples.Count + " example(s), at least 2 expected");
            foreach (var example in examples)
            {
                var title = (string?)Prop(example, "title") ?? "";
                Assert.False(string.IsNullOrWhiteSpace((string?)Prop(example, "code")), cmdlet + ": example '" + title + "' has no code");
                Assert.False(string.IsNullOrWhiteSpace(Text(Prop(example, "remarks"))), cmdlet + ": example '" + title + "' does not explain itself");
            }
        }

        /// <summary>Example code is PowerShell that parses: a typo in an example is a defect users copy.</summary>
        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void ExampleCodeParses(string cmdlet)
        {
            var problems = new List<string>();
            foreach (var example in Items(Prop(Prop(Help(cmdlet), "examples"), "example")))
            {
                System.Management.Automation.Language.Parser.ParseInput((string?)Prop(example, "code") ?? "", out _, out var errors);
                problems.AddRange(errors.Select(e => Prop(example, "title") + " line " + e.Extent.StartLineNumber + ": " + e.Message));
            }
            Assert.True(problems.Count == 0, cmdlet + ":\n" + string.Join("\n", problems));
        }

        /// <summary>Windows PowerShell reads the desktop copy of the MAML: it is the same help.</summary>
        [Fact]
        public void BothEditionsShipTheSameHelp()
        {
            var core = File.ReadAllBytes(Path.Combine(Repo.Root, "out", "RolloutPlaybook", "core", "en-US", "RolloutPlaybook.dll-Help.xml"));
            var desktop = File.ReadAllBytes(Path.Combine(Repo.Root, "out", "RolloutPlaybook", "desktop", "en-US", "RolloutPlaybook.dll-Help.xml"));
            Assert.Equal(core, desktop);
        }

        /// <summary>
        /// Both directions, on what Get-Help shows (a parameter without a description is not documented) and on the
        /// help source (the generator drops a documented parameter the code lacks, so the source is where it shows).
        /// </summary>
        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void EveryParameterIsDocumentedAndNoOtherOne(string cmdlet)
        {
            var code = CodeParameters(cmdlet).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var shown = HelpParameters(cmdlet).Where(p => !string.IsNullOrWhiteSpace(Text(Prop(p, "description"))))
                .Select(p => (string)Prop(p, "name")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var source = SourceParameters(cmdlet);
            var undocumented = code.Where(n => !shown.Contains(n) || !source.Contains(n)).OrderBy(n => n).ToList();
            var extra = source.Concat(shown).Where(n => !code.Contains(n) && !IsShouldProcess(n)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n).ToList();
            Assert.True(undocumented.Count == 0 && extra.Count == 0,
                cmdlet + ": " + Describe("not documented", undocumented) + Describe("documented in docs/help/" + cmdlet + ".md but not in the code", extra));
        }

        /// <summary>The "### -Name" headings of the help source's PARAMETERS section.</summary>
        private static HashSet<string> SourceParameters(string cmdlet)
        {
            var file = Path.Combine(Repo.Root, "docs", "help", cmdlet + ".md");
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!File.Exists(file)) return names;
            string? section = null;
            bool fence = false;
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) fence = !fence;
                if (fence) continue;
                if (line.StartsWith("## ", StringComparison.Ordinal)) section = line.Substring(3).Trim();
                else if (section == "PARAMETERS" && line.StartsWith("### -", StringComparison.Ordinal)) names.Add(line.Substring(5).Trim());
            }
            return names;
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void ParameterFactsInHelpMatchTheCode(string cmdlet)
        {
            var info = Command(cmdlet);
            var problems = new List<string>();
            var help = HelpParameters(cmdlet).ToDictionary(p => (string)Prop(p, "name")!, StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in CodeParameters(cmdlet))
            {
                if (!help.TryGetValue(parameter.Name, out var documented)) continue; // reported by EveryParameterIsDocumented
                var sets = info.ParameterSets.SelectMany(s => s.Parameters.Where(p => p.Name == parameter.Name)).ToList();
                Expect(problems, parameter.Name, "required", sets.All(s => s.IsMandatory).ToString().ToLowerInvariant(), Prop(documented, "required"));
                var positions = sets.Select(s => s.Position).Distinct().ToList();
                Expect(problems, parameter.Name, "position", positions.Count == 1 ? Position(positions[0]) : "named", Prop(documented, "position"));
                Expect(problems, parameter.Name, "pipelineInput", PipelineInput(sets.Any(s => s.ValueFromPipeline), sets.Any(s => s.ValueFromPipelineByPropertyName)), Prop(documented, "pipelineInput"));
                Expect(problems, parameter.Name, "type", TypeName(parameter.ParameterType), Prop(Prop(documented, "type"), "name"));
                Expect(problems, parameter.Name, "aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases), Prop(documented, "aliases"));
            }
            Assert.True(problems.Count == 0, cmdlet + ":\n" + string.Join("\n", problems));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void SyntaxShowsEveryParameterSetAsTheCodeDefinesIt(string cmdlet)
        {
            var info = Command(cmdlet);
            var items = Items(Prop(Prop(Help(cmdlet), "syntax"), "syntaxItem"))
                .Select(item => Items(Prop(item, "parameter")).Where(p => !IsShouldProcess((string)Prop(p, "name")!))
                    .ToDictionary(p => (string)Prop(p, "name")!, StringComparer.OrdinalIgnoreCase))
                .ToList();
            var problems = new List<string>();
            foreach (var set in info.ParameterSets)
            {
                var names = set.Parameters.Where(p => !IsCommon(p.Name)).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var item = items.FirstOrDefault(i => i.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(names));
                if (item == null)
                {
                    problems.Add("parameter set '" + set.Name + "' (" + string.Join(", ", names.OrderBy(n => n)) + ") has no syntax line");
                    continue;
                }
                foreach (var p in set.Parameters.Where(p => !IsCommon(p.Name)))
                {
                    var where = p.Name + " in set " + set.Name;
                    Expect(problems, where, "required", p.IsMandatory.ToString().ToLowerInvariant(), Prop(item[p.Name], "required"));
                    Expect(problems, where, "position", Position(p.Position), Prop(item[p.Name], "position"));
                    Expect(problems, where, "pipelineInput", PipelineInput(p.ValueFromPipeline, p.ValueFromPipelineByPropertyName), Prop(item[p.Name], "pipelineInput"));
                }
            }
            if (items.Count != info.ParameterSets.Count) problems.Add(items.Count + " syntax lines for " + info.ParameterSets.Count + " parameter sets");
            Assert.True(problems.Count == 0, cmdlet + ":\n" + string.Join("\n", problems));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void OutputTypesAreDocumented(string cmdlet)
        {
            var code = Command(cmdlet).OutputType.Select(t => t.Type?.FullName ?? t.Name).OrderBy(n => n).ToList();
            var help = Items(Prop(Prop(Help(cmdlet), "returnValues"), "returnValue")).Select(r => (string?)Prop(Prop(r, "type"), "name") ?? "").OrderBy(n => n).ToList();
            Assert.Equal(code, help);
        }

        /// <summary>Every SPEC §4 cmdlet the manifest promises has a help source. Fails, naming them, until every cmdlet branch is merged.</summary>
        [Fact]
        public void EveryCmdletOfTheManifestHasAHelpSource()
        {
            var missing = ManifestTests.ManifestCmdlets().Where(c => !File.Exists(Path.Combine(Repo.Root, "docs", "help", c + ".md"))).ToList();
            Assert.True(missing.Count == 0, "No docs/help/<Verb-Noun>.md for: " + string.Join(", ", missing));
        }

        [Fact]
        public void EveryHelpSourceBelongsToACmdlet()
        {
            var cmdlets = ExportedCmdlets().Select(c => (string)c[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var orphans = Directory.GetFiles(Path.Combine(Repo.Root, "docs", "help"), "*-*.md")
                .Select(Path.GetFileNameWithoutExtension).Where(n => !cmdlets.Contains(n!)).ToList();
            Assert.True(orphans.Count == 0, "Help sources without a cmdlet: " + string.Join(", ", orphans));
        }

        [Theory]
        [InlineData("about_RolloutPlaybook", "LONG DESCRIPTION", "Test-RolloutGate")]
        [InlineData("about_RolloutPlaybook_PlanFile", "LONG DESCRIPTION", "schemaVersion")]
        [InlineData("about_RolloutPlaybook_Errors", "LONG DESCRIPTION", "RolloutPlanNotFound")]
        public void AboutTopicsAreFoundByGetHelp(string topic, string heading, string mention)
        {
            var result = ps.Run("Get-Help $args[0]", topic);
            result.AssertNoErrors();
            var text = string.Concat(result.Output.Select(o => o.BaseObject.ToString()));
            Assert.Contains("TOPIC", text);
            Assert.Contains(topic, text);
            Assert.Contains(heading, text);
            Assert.Contains(mention, text);
        }

        /// <summary>about_RolloutPlaybook_PlanFile describes every key of the plan file: the model's properties, camelCased.</summary>
        [Fact]
        public void ThePlanFileTopicNamesEveryKey()
        {
            var text = File.ReadAllText(Path.Combine(Repo.Root, "out", "RolloutPlaybook", "en-US", "about_RolloutPlaybook_PlanFile.help.txt"));
            var missing = PlanFileKeys(typeof(RolloutPlaybook.Model.RolloutPlan), new HashSet<Type>())
                .Where(key => !System.Text.RegularExpressions.Regex.IsMatch(text, @"(?<![A-Za-z])" + key + @"(?![A-Za-z])")).Distinct().OrderBy(k => k).ToList();
            Assert.True(missing.Count == 0, "about_RolloutPlaybook_PlanFile does not describe: " + string.Join(", ", missing));
        }

        private static IEnumerable<string> PlanFileKeys(Type type, HashSet<Type> seen)
        {
            if (!seen.Add(type)) yield break;
            foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic))
            {
                if (property.GetCustomAttributes(true).Any(a => a.GetType().Name == "PlanIgnoreAttribute")) continue;
                yield return char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);
                var t = property.PropertyType;
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>)) t = t.GetGenericArguments()[0];
                if (t.Namespace == "RolloutPlaybook.Model" && t.IsClass)
                    foreach (var key in PlanFileKeys(t, seen)) yield return key;
            }
        }

        // --- engine access -------------------------------------------------------------------------------

        private PSObject Help(string cmdlet)
        {
            var result = ps.Run("Get-Help -Name $args[0] -Full", cmdlet);
            result.AssertNoErrors();
            return Assert.Single(result.Output);
        }

        private CmdletInfo Command(string cmdlet)
        {
            var result = ps.Run("Get-Command -Name $args[0] -CommandType Cmdlet", cmdlet);
            result.AssertNoErrors();
            return (CmdletInfo)Assert.Single(result.Output).BaseObject;
        }

        /// <summary>The cmdlet's own parameters: no common parameters, no -WhatIf/-Confirm.</summary>
        private IEnumerable<ParameterMetadata> CodeParameters(string cmdlet)
            => Command(cmdlet).Parameters.Values.Where(p => !IsCommon(p.Name));

        private IEnumerable<PSObject> HelpParameters(string cmdlet) => Items(Prop(Prop(Help(cmdlet), "parameters"), "parameter"));

        internal static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);

        private static bool IsShouldProcess(string name) => name == "WhatIf" || name == "Confirm";

        internal static object? Prop(object? target, string name)
        {
            if (target == null) return null;
            var pso = target as PSObject ?? PSObject.AsPSObject(target);
            var value = pso.Properties[name]?.Value;
            return value is PSObject inner && !(inner.BaseObject is PSCustomObject) ? inner.BaseObject : value;
        }

        internal static IEnumerable<PSObject> Items(object? value)
        {
            if (value == null) yield break;
            if (value is PSObject pso && pso.BaseObject is object[] wrapped) value = wrapped;
            if (value is System.Collections.IEnumerable list && !(value is string))
                foreach (var item in list) { if (item != null) yield return PSObject.AsPSObject(item); }
            else yield return PSObject.AsPSObject(value);
        }

        /// <summary>The text of a MAML description: its paragraphs' Text, joined.</summary>
        internal static string Text(object? description)
            => description is string s ? s : string.Join("\n", Items(description).Select(p => Prop(p, "Text") as string ?? "")).Trim();

        private static string Position(int position) => position == int.MinValue ? "named" : position.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string PipelineInput(bool byValue, bool byPropertyName)
            => byValue && byPropertyName ? "True (ByValue, ByPropertyName)" : byValue ? "True (ByValue)" : byPropertyName ? "True (ByPropertyName)" : "False";

        private static string TypeName(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null) return TypeName(underlying);
            return type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.FullName!;
        }

        private static void Expect(List<string> problems, string parameter, string fact, string code, object? help)
        {
            var documented = help?.ToString() ?? "(missing)";
            if (!string.Equals(code, documented, StringComparison.OrdinalIgnoreCase))
                problems.Add("-" + parameter + ": help says " + fact + " " + documented + ", the code " + code);
        }

        private static string Describe(string what, List<string> names) => names.Count == 0 ? "" : what + ": " + string.Join(", ", names.Select(n => "-" + n)) + ". ";

        [Fact]
        public void EveryAuthoringCmdletsHelpDocumentsExactlyItsParameters()
        {
            using var ps = new PowerShellSession();
            foreach (var cmdlet in AuthoringCmdlets)
            {
                var file = Path.Combine(Repo.Root, "docs", "help", cmdlet + ".md");
                Assert.True(File.Exists(file), "missing help source " + file);
                var text = File.ReadAllText(file);
                var documented = Regex.Matches(text, @"^### -(\w+)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(n => n).ToList();
                var result = ps.Run("(Get-Command $args[0]).Parameters.Keys", cmdlet);
                result.AssertNoErrors();
                var actual = result.Output.Select(o => o.BaseObject.ToString()!).Where(n => !NotDocumented.Contains(n)).OrderBy(n => n).ToList();
                Assert.True(actual.SequenceEqual(documented), cmdlet + ": code has [" + string.Join(", ", actual) + "], help has [" + string.Join(", ", documented) + "]");
                Assert.Matches(@"## SYNOPSIS\n\S", text);
                Assert.Matches(@"## DESCRIPTION\n\S", text);
                Assert.True(Regex.Matches(text, @"^### Example \d+: .+\n```powershell\n", RegexOptions.Multiline).Count >= 2, cmdlet + " needs two examples");
            }
        }
    }
}
