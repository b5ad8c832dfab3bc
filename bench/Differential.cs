using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Diagnostics;
using System.Text;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Gate.Reports;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Core.Tests.TestKit;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// Writes everything the module renders for a fixed set of inputs into one folder, so that a refactoring can be
    /// checked byte for byte with <c>diff -r before after</c> (bench/README.md, "Differential"):
    /// <list type="bullet">
    /// <item>plans/NNN/: 800 generated plans (PlanGenerator's hostile strings, Generators' scheduled graphs, plans with a
    /// dependency cycle): canonical YAML and JSON, the YAML read back and written again, the rollout document, the setup
    /// handoff in every format, agent prompts (whole team, each role, each wave, both tools) and the plan-only gate;</item>
    /// <item>gate/: every rule on every fixture repository with its plans (results and each report format);</item>
    /// <item>drafts/: New-RolloutPlan -RepositoryPath's draft of each fixture application;</item>
    /// <item>schema/: the generated JSON schema of the plan file.</item>
    /// </list>
    /// Failures are written as their ErrorId and message: they are behaviour too. The checkout's path is written as
    /// <c>$REPO</c>, so two worktrees compare.
    /// </summary>
    public static class Differential
    {
        private const int GeneratedPlans = 800;
        private static readonly DateTime Today = new DateTime(2026, 11, 23);

        public static int Run(string outFolder)
        {
            var repoRoot = FindRepoRoot();
            var output = new Output(Path.GetFullPath(outFolder), repoRoot);
            if (Directory.Exists(output.Root)) Directory.Delete(output.Root, recursive: true);
            Directory.CreateDirectory(output.Root);

            for (int i = 0; i < GeneratedPlans; i++) RenderPlan(output, "plans/" + i.ToString("000", CultureInfo.InvariantCulture), GeneratedPlan(i));

            var fixtures = new List<(string Name, string Root)>
            {
                ("app-repo", Path.Combine(repoRoot, "tests/fixtures/app-repo")),
            };
            foreach (var app in Directory.GetDirectories(Path.Combine(repoRoot, "tests/fixtures/corpus")).OrderBy(d => d, StringComparer.Ordinal))
                fixtures.Add(("corpus-" + Path.GetFileName(app), app));
            var hostile = BuildHostileRepository(repoRoot);
            fixtures.Add(("hostile-repo", hostile));
            output.Replace(hostile, "$HOSTILE");

            foreach (var (name, root) in fixtures)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var planFile in PlanFiles(root))
                {
                    // Named by the plan's folder (docs/connectors/<connector>/); a second plan in a folder of the same name
                    // is named by its path from the application's root instead.
                    var connector = Path.GetFileName(Path.GetDirectoryName(planFile)!);
                    var key = seen.Add(connector) ? connector : Safe(Path.GetRelativePath(root, Path.GetDirectoryName(planFile)!).Replace('\\', '/'));
                    Gate(output, "gate/" + name + "/" + key, planFile, root);
                    Draft(output, "drafts/" + name + "/" + key, connector, root);
                }
            }
            var commented = Path.Combine(repoRoot, "tests/fixtures/commented/rollout-plan.yaml");
            RenderPlan(output, "plans/commented", Load(commented));

            var topic = File.ReadAllText(Path.Combine(repoRoot, "docs/help/about_RolloutPlaybook_PlanFile.md"));
            var schema = PlanJsonSchema.Generate(topic);
            output.Write("schema/rollout-plan.schema.json", schema.Json);
            output.Write("schema/problems.txt", string.Join("\n", schema.Problems));
            Console.WriteLine("Wrote " + output.Files + " files to " + output.Root);
            return 0;
        }

        /// <summary>Plan i of the set: 0–599 PlanGenerator, 600–699 scheduled graphs, 700–799 PlanGenerator with a cycle.</summary>
        private static RolloutPlan GeneratedPlan(int i)
        {
            if (i < 600) return new PlanGenerator(i).Next();
            if (i < 700)
            {
                int n = i - 600;
                return Generators.LargePlan(linkingPoints: 1 + n % 7, tasks: 1 + n * 3, dependencies: n * 5, checks: n % 11, seed: i);
            }
            var plan = new PlanGenerator(i).Next();
            var tasks = plan.Team.Tasks;
            if (tasks.Count == 0) tasks.Add(new AgentTask { Id = "task-self", Agent = "review", Title = "depends on itself" });
            // The first task waits for the last: a cycle through every chain that reaches the last task (or a self-loop).
            tasks[0].DependsOn.Add(tasks[tasks.Count - 1].Id);
            return plan;
        }

        private static void RenderPlan(Output output, string folder, RolloutPlan plan)
        {
            output.Try(folder + "/plan.yaml", () => PlanWriter.Write(plan));
            output.Try(folder + "/plan.json", () => PlanWriter.Write(plan, PlanFormat.Json));
            output.Try(folder + "/plan.reread.yaml", () => PlanWriter.Write(PlanFileStore.Parse(PlanWriter.WriteBytes(plan), "plan.yaml")));
            output.Try(folder + "/document.md", () => RolloutDocument.Render(plan));
            foreach (HandoffFormat format in Enum.GetValues(typeof(HandoffFormat)))
                output.Try(folder + "/handoff." + format.ToString().ToLowerInvariant(), () => SetupHandoffDocument.Render(plan, format));
            foreach (AgentTool tool in Enum.GetValues(typeof(AgentTool)))
            {
                var t = tool.ToString().ToLowerInvariant();
                output.Try(folder + "/prompt-" + t + ".md", () => AgentPromptRenderer.Render(plan, new AgentPromptRequest { Tool = tool }));
                var roles = plan.Team.Tasks.Select(x => x.Agent).Where(a => a != null).Distinct().OrderBy(a => a, StringComparer.Ordinal).ToList();
                roles.Add("no-such-role");
                foreach (var role in roles)
                    output.Try(folder + "/prompt-" + t + "-role-" + Safe(role!) + ".md", () => AgentPromptRenderer.Render(plan, new AgentPromptRequest { Tool = tool, Role = role }));
                if (tool != AgentTool.Claude) continue;
                for (int wave = 1; wave <= 3; wave++)
                    output.Try(folder + "/prompt-" + t + "-wave-" + wave + ".md", () => AgentPromptRenderer.Render(plan, new AgentPromptRequest { Tool = tool, Wave = wave }));
            }
            output.Try(folder + "/gate.txt", () => Results(new GateEngine().Evaluate(plan, new GateOptions { Today = Today }).ToList()));
        }

        private static void Gate(Output output, string folder, string planFile, string root)
        {
            RolloutPlan plan;
            try { plan = Load(planFile); }
            catch (RolloutException ex) { output.Write(folder + "/load-error.txt", Failure(ex)); return; }
            List<GateResult> results;
            try { results = new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Today = Today }).ToList(); }
            catch (RolloutException ex) { output.Write(folder + "/gate-error.txt", Failure(ex)); return; }
            output.Write(folder + "/results.txt", Results(results));
            foreach (GateReportFormat format in Enum.GetValues(typeof(GateReportFormat)))
            {
                var writer = GateReportWriters.For(format);
                var text = writer.Write(results, new GateReportOptions { ToolVersion = "differential", BaseDirectory = root });
                output.Write(folder + "/report." + format.ToString().ToLowerInvariant(), Encoding.UTF8.GetString(GateReportWriters.Encode(text)));
            }
            output.Try(folder + "/document.md", () => RolloutDocument.Render(plan));
        }

        private static void Draft(Output output, string folder, string connector, string root)
            => output.Try(folder + "/draft.yaml", () =>
            {
                var facts = CodeFactsReader.Read(new RolloutPlan { Connector = connector }, root);
                return PlanWriter.Write(PlanDrafter.Draft(new NewPlanRequest { Connector = connector }, facts).Plan);
            });

        /// <summary>Every field of every result, one block each, in the engine's order.</summary>
        private static string Results(IReadOnlyList<GateResult> results)
        {
            var text = new StringBuilder();
            foreach (var r in results)
            {
                text.Append(r.RuleId).Append(" | ").Append(r.Category).Append(" | ").Append(r.Outcome).Append(" | ").Append(r.Target).Append('\n');
                text.Append("  message: ").Append(r.Message).Append('\n');
                foreach (var e in r.Evidence) text.Append("  evidence: ").Append(e).Append('\n');
                text.Append("  recommendation: ").Append(r.Recommendation).Append('\n');
                text.Append("  plan: ").Append(r.Connector).Append(' ').Append(r.PlanFile).Append(':').Append(r.PlanLine).Append(' ').Append(r.PlanKey).Append(" phase ").Append(r.Phase).Append('\n');
                text.Append("  code: ").Append(r.CodeFile).Append(':').Append(r.CodeLine).Append(" root ").Append(r.RepositoryRoot).Append('\n');
                if (r.WaiverReason != null) text.Append("  waiver: ").Append(r.WaiverReason).Append(' ').Append(r.WaiverExpires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
            }
            return text.ToString();
        }

        private static RolloutPlan Load(string file) => PlanFileStore.Load(file);

        private static string Failure(Exception ex)
            => ex is RolloutException r ? r.ErrorId + " (" + r.Kind + "): " + r.Message + "\n" : ex.GetType().FullName + ": " + ex.Message + "\n";

        private static IEnumerable<string> PlanFiles(string root)
        {
            // Every rollout-plan.yaml the application ships, wherever it sits (docs/connectors/<name>/, docs/<name>/, …),
            // as CorpusTests finds them; links are not followed, so the hostile repository's bait outside stays out.
            var found = new List<string>();
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var dir = pending.Pop();
                foreach (var sub in Directory.GetDirectories(dir))
                    if ((new DirectoryInfo(sub).Attributes & FileAttributes.ReparsePoint) == 0) pending.Push(sub);
                var file = Path.Combine(dir, "rollout-plan.yaml");
                if (File.Exists(file) && (new FileInfo(file).Attributes & FileAttributes.ReparsePoint) == 0) found.Add(file);
            }
            return found.OrderBy(f => f, StringComparer.Ordinal);
        }

        private static string BuildHostileRepository(string repoRoot)
        {
            var folder = Path.Combine(Path.GetTempPath(), "rp-differential-hostile");
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            // The fixture's own script, in the repository's pwsh (dotnet tool): the test runs build it the same way.
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, UseShellExecute = false, RedirectStandardOutput = true };
            foreach (var a in new[] { "pwsh", "-NoProfile", "-File", Path.Combine(repoRoot, "tests/fixtures/hostile-repo/New-HostileRepository.ps1"), "-Path", folder })
                start.ArgumentList.Add(a);
            using (var process = Process.Start(start)!)
            {
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException("New-HostileRepository.ps1 exited with " + process.ExitCode);
            }
            return Path.Combine(folder, "repo");
        }

        private static string FindRepoRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "RolloutPlaybook.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("RolloutPlaybook.sln not found above " + AppContext.BaseDirectory);
        }

        private static string Safe(string name)
        {
            var s = new StringBuilder();
            foreach (var c in name) s.Append(char.IsLetterOrDigit(c) && c < 128 || c == '-' ? c : '_');
            return s.Length == 0 ? "_" : s.ToString();
        }

        private sealed class Output
        {
            private readonly List<(string From, string To)> replacements = new List<(string, string)>();

            public Output(string root, string repoRoot)
            {
                Root = root;
                replacements.Add((repoRoot.TrimEnd('/'), "$REPO"));
            }

            public string Root { get; }
            public int Files { get; private set; }

            public void Replace(string from, string to) => replacements.Insert(0, (from, to));

            public void Try(string relative, Func<string> render)
            {
                string text;
                try { text = render(); }
                catch (Exception ex) when (ex is RolloutException || ex is InvalidOperationException || ex is ArgumentException)
                {
                    Write(relative + ".error", Failure(ex));
                    return;
                }
                Write(relative, text);
            }

            public void Write(string relative, string text)
            {
                foreach (var (from, to) in replacements) text = text.Replace(from, to);
                var path = Path.Combine(Root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
                Files++;
            }
        }
    }
}
