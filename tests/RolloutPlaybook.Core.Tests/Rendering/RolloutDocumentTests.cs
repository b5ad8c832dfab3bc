using System;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    public class RolloutDocumentTests
    {
        private static readonly string[] Sections =
        {
            "## A) Business Goal", "## B) Source Model", "## C) Linking Points", "## D) Mapping Rules + Cardinality",
            "## E) Delivery Phases", "## F) Agent-Team Plan", "## G) Risks + Mitigations", "## H) Manual Setup Handoff",
            "## I) Operational Go/No-Go", "## J) Open Questions and Assumptions",
        };

        [Fact]
        public void AnUnnamedWriteIsShownOnlyUnderTheMutatingMethods()
        {
            // SPEC §8: an entry without method is about every mutating method. The document listed it under a GET that
            // another entry names as well, where the gate (RP.Map.OnConflictDocumented) does not count it.
            var plan = DocumentPlans.Example();
            plan.Routes.Clear();
            plan.Routes.Add(new RolloutRoute
            {
                Path = "/api/slack/refresh", Methods = { RouteMethod.GET, RouteMethod.POST }, Auth = "admin",
                Writes =
                {
                    new RouteWrite { Table = "slack_cache", Method = { RouteMethod.GET }, Op = WriteOp.Update },
                    new RouteWrite { Table = "entity_external_ids", Op = WriteOp.Upsert, Action = WriteAction.Update, OnConflict = "source,external_id" },
                },
            });
            var rows = RolloutDocument.Render(plan).Split('\n').Where(l => l.StartsWith("| `/api/slack/refresh` |", StringComparison.Ordinal)).ToList();
            var get = rows.Where(r => r.Contains("| GET |")).ToList();
            var post = rows.Where(r => r.Contains("| POST |")).ToList();
            Assert.Single(get);
            Assert.Contains("`slack_cache`", get[0]);
            Assert.Single(post);
            Assert.Contains("`entity_external_ids`", post[0]);
            var gate = new Core.Gate.GateEngine().Evaluate(plan, new Core.Gate.GateOptions { Rules = new[] { "RP.Map.OnConflictDocumented" } }).Single();
            Assert.Equal(GateOutcome.Pass, gate.Outcome);
        }

        [Fact]
        public void DocumentOverAMillionCharactersIsRenderedWhole()
        {
            // 6,000 tasks in a chain: the waves table alone is over a million characters.
            var plan = DocumentPlans.Example();
            plan.Team.Tasks.Clear();
            for (int i = 0; i < 6000; i++)
            {
                var task = new AgentTask { Id = "task-" + i, Agent = "schema-sync", Phase = PhaseName.Mapping, Title = "Generated work item number " + i + " with a long enough title" };
                if (i > 0) task.DependsOn.Add("task-" + (i - 1));
                plan.Team.Tasks.Add(task);
            }
            var document = RolloutDocument.Render(plan);
            Assert.True(document.Length > 1_000_000, "length " + document.Length);
            Assert.Contains("| 6000 | `task-5999` |", document);
            Assert.Contains("  t5999 --> t6000\n```\n", document);
            // Sections G to J follow, as for the example plan.
            var example = RolloutDocument.Render(DocumentPlans.Example());
            Assert.EndsWith(example.Substring(example.IndexOf("## G) Risks", StringComparison.Ordinal)), document);
        }

        [Fact]
        public void DocsOverrideThatClimbsOutOfTheRepositoryIsRefused()
        {
            var plan = DocumentPlans.Example();
            plan.Repository.Docs = "docs/../../elsewhere";
            var ex = Assert.Throws<RolloutException>(() => RolloutDocument.RelativePath(plan));
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.SecurityError, ex.Kind);
            Assert.Contains("'..'", ex.Message);
            // Render needs the path too, so it refuses as well: no document for a plan that points outside.
            Assert.Equal("PathOutsideRepository", Assert.Throws<RolloutException>(() => RolloutDocument.Render(plan)).ErrorId);
        }

        [Theory]
        [InlineData("/etc")]
        [InlineData("\\\\server\\share")]
        [InlineData("C:\\docs")]
        [InlineData("~/docs")]
        public void AbsoluteDocsOverrideIsRefused(string docs)
        {
            var plan = DocumentPlans.Example();
            plan.Repository.Docs = docs;
            var ex = Assert.Throws<RolloutException>(() => RolloutDocument.RelativePath(plan));
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
        }

        [Fact]
        public void DocumentNameNamesTheFileInTheDocsFolder()
        {
            var plan = DocumentPlans.Example();
            plan.Repository.Docs = "docs/rollouts";
            plan.Repository.DocumentName = "slack-rollout.md";
            Assert.Equal("docs/rollouts/slack-rollout.md", RolloutDocument.RelativePath(plan));
            plan.Repository.DocumentName = "../escape.md";
            Assert.Equal("PathOutsideRepository", Assert.Throws<RolloutException>(() => RolloutDocument.RelativePath(plan)).ErrorId);
        }

        [Fact]
        public void DocumentCurrentReadsTheNamedDocument()
        {
            var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rp-docname-" + System.Guid.NewGuid().ToString("N"));
            try
            {
                var plan = DocumentPlans.Example();
                plan.Repository.DocumentName = "ROLLOUT.md";
                System.IO.Directory.CreateDirectory(System.IO.Path.Combine(root, "src", "docs"));
                System.IO.File.WriteAllText(System.IO.Path.Combine(root, "src", "docs", "ROLLOUT.md"), RolloutDocument.Render(plan));
                var result = Assert.Single(RolloutPlaybook.Core.Tests.Gate.GateTestPlans.Run(plan, "RP.Docs.DocumentCurrent", root));
                Assert.Equal(GateOutcome.Pass, result.Outcome);
                Assert.Contains("src/docs/ROLLOUT.md", result.Message);
            }
            finally { System.IO.Directory.Delete(root, true); }
        }

        [Fact]
        public void ConnectorThatIsNotASlugCannotNameAFile()
        {
            var plan = DocumentPlans.Example();
            plan.Connector = "../../etc/x";
            Assert.Equal("InvalidConnectorName", Assert.Throws<RolloutException>(() => RolloutDocument.RelativePath(plan)).ErrorId);
        }

        [Fact]
        public void FullPathStaysUnderTheRepository()
        {
            var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rp-repo-" + System.Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(root);
            try
            {
                Assert.Equal("PathOutsideRepository", Assert.Throws<RolloutException>(() => RepositoryPaths.Under(root, "../outside.md")).ErrorId);
                Assert.Equal(System.IO.Path.Combine(root, "src", "docs", "SLACK-ROLLOUT-PLAN.md"), RolloutDocument.FullPath(DocumentPlans.Example(), root));
            }
            finally { System.IO.Directory.Delete(root, true); }
        }

        [Theory]
        [InlineData("slack", null, "src/docs/SLACK-ROLLOUT-PLAN.md")]
        [InlineData("google-workspace", null, "src/docs/GOOGLE-WORKSPACE-ROLLOUT-PLAN.md")]
        [InlineData("slack", "documentation/rollouts/", "documentation/rollouts/SLACK-ROLLOUT-PLAN.md")]
        [InlineData("slack", "./docs\\plans", "docs/plans/SLACK-ROLLOUT-PLAN.md")]
        public void RelativePathFollowsTheRepositoryLayout(string connector, string? docs, string expected)
        {
            var plan = new RolloutPlan { Connector = connector };
            plan.Repository.Docs = docs;
            Assert.Equal(expected, RolloutDocument.RelativePath(plan));
        }

        [Fact]
        public void GraphWithACycleStillRendersAndSectionFNamesTheCycle()
        {
            var text = RolloutDocument.Render(DocumentPlans.WithCycle());
            var f = Section(text, 'F');
            Assert.Contains("cannot be scheduled into waves", f);
            var cycle = Assert.Throws<RolloutException>(() => RolloutPlaybook.Core.Planning.WaveScheduler.Schedule(DocumentPlans.WithCycle()));
            Assert.Equal("AgentTaskCycle", cycle.ErrorId);
            Assert.Contains(cycle.Message, f);
            Assert.Contains("sync-schema", cycle.Message);
            Assert.DoesNotContain("```mermaid", f);
            // Every task is still listed, and the rest of the document is there.
            foreach (var id in new[] { "sync-schema", "metrics", "api-mappings", "api-sync", "mapping-ui", "review" }) Assert.Contains("`" + id + "`", f);
            Assert.All(Sections, s => Assert.Contains("\n" + s + "\n", text));
            Assert.Empty(MarkdownLint.Check(text));
        }

        [Fact]
        public void TeamSentenceFollowsTheTeamShape()
        {
            var small = RolloutPlaybook.Core.Planning.PlanFactory.Create(new RolloutPlaybook.Core.Planning.NewPlanRequest { Connector = "x", Small = true });
            var f = Section(RolloutDocument.Render(small), 'F');
            Assert.Contains("Small team: one generalist agent", f);
            Assert.DoesNotContain("Default split", f);

            var custom = DocumentPlans.Example();
            custom.Team.Tasks.RemoveAll(t => t.Agent == "ui-ops");
            custom.Team.Tasks.ForEach(t => t.DependsOn.Remove("mapping-ui"));
            f = Section(RolloutDocument.Render(custom), 'F');
            Assert.DoesNotContain("Default split", f);
            Assert.Contains("\nAgents: `schema-sync`, `analytics`, `api-integration`, `review`.\n", f);
            Assert.Contains("Default split", Section(RolloutDocument.Render(DocumentPlans.Example()), 'F'));
        }

        [Fact]
        public void UnknownDependencyIsReportedInSectionF()
        {
            var plan = DocumentPlans.Example();
            plan.Team.Tasks[0].DependsOn.Add("nowhere");
            var f = Section(RolloutDocument.Render(plan), 'F');
            Assert.Contains("depends on 'nowhere'", f);
        }

        [Fact]
        public void EmptyPlanKeepsEverySectionAndSaysWhatIsMissing()
        {
            var text = RolloutDocument.Render(DocumentPlans.Empty());
            Assert.Equal(Sections, text.Split('\n').Where(l => l.StartsWith("## ")).ToArray());
            Assert.Contains("intake question 5 is open", Section(text, 'A'));
            Assert.Contains("unknown (intake Q4)", Section(text, 'B'));
            Assert.Contains("No linking points yet: intake question 1 is open", Section(text, 'C'));
            Assert.Contains("intake questions 1 (linking points) and 2 (cardinality) are open", Section(text, 'D'));
            Assert.Contains("No routes yet", Section(text, 'D'));
            Assert.Equal(4, Regex.Matches(Section(text, 'E'), "none yet; the gate").Count);
            Assert.Contains("```mermaid", Section(text, 'F'));
            Assert.Contains("No risks recorded yet", Section(text, 'G'));
            Assert.Contains("**Incomplete:** 5 items are missing", Section(text, 'H'));
            Assert.Contains("**No-Go:** no validation checks are defined yet", Section(text, 'I'));
            Assert.Contains("Intake Q1 (linking points):", Section(text, 'J'));
            Assert.Empty(MarkdownLint.Check(text));
        }

        [Fact]
        public void FullPlanFillsEverySectionWithoutGapMarkers()
        {
            var text = RolloutDocument.Render(DocumentPlans.Example());
            Assert.Equal(Sections, text.Split('\n').Where(l => l.StartsWith("## ")).ToArray());
            foreach (var marker in new[] { "MISSING", "not set", "not stated", "none yet", "unknown", "No-Go:** no", "Incomplete" })
                Assert.DoesNotContain(marker, text);
            Assert.Contains("| primary | `slack_user` | Slack user ID (U…) | `staff` | 1:1 | database (partial unique index) |", Section(text, 'D'));
            Assert.Contains("| `/api/slack/mappings/channels` | POST | admin | `entity_external_ids` | `slack_channel` | upsert, update the existing row | `source,external_id` |", Section(text, 'D'));
            Assert.Contains("### 2. Sync (most urgent)", Section(text, 'E'));
            Assert.Contains("| `sync-restart` | test | A run killed mid-channel resumes from the persisted cursor without duplicates | pending | — |", Section(text, 'E'));
            Assert.Contains("```mermaid\nflowchart LR\n", Section(text, 'F'));
            Assert.Contains("- [x] **mapping** `mapping-remap`", Section(text, 'I'));
            Assert.Contains("- [ ] **sync** `sync-restart`", Section(text, 'I'));
            Assert.Contains("**No-Go:** 5 of 8 checks passed, 3 pending.", Section(text, 'I'));
            Assert.Empty(MarkdownLint.Check(text));
        }

        [Fact]
        public void GoWhenEveryCheckPassedWithEvidenceOrWasWaived()
        {
            var plan = DocumentPlans.Example();
            foreach (var phase in plan.Phases.All())
                foreach (var check in phase.Value.Checks)
                    if (check.Status == CheckStatus.Pending) { check.Status = CheckStatus.Pass; check.Evidence = "run 42"; }
            Assert.Contains("**Go:** 8 of 8 checks passed.", Section(RolloutDocument.Render(plan), 'I'));
            plan.Phases.Ops.Checks[0].Evidence = null;
            var i = Section(RolloutDocument.Render(plan), 'I');
            Assert.Contains("**No-Go:**", i);
            Assert.Contains("- [ ] **ops** `ops-smoke`: The smoke-test sequence passes on a fresh workspace (marked pass, **evidence MISSING**)", i);
        }

        [Fact]
        public void MutatingMethodWithoutWritesIsMarked()
        {
            var plan = DocumentPlans.Example();
            plan.Routes.Add(new RolloutRoute { Path = "/api/slack/settings", Methods = { RouteMethod.GET, RouteMethod.PATCH }, Auth = "admin" });
            plan.Routes[1].Writes[0].OnConflict = null;
            var d = Section(RolloutDocument.Render(plan), 'D');
            Assert.Contains("| `/api/slack/settings` | PATCH | admin | **MISSING** | — | **MISSING:** no `writes` entry for this method | — |", d);
            Assert.Contains("| `/api/slack/mappings/channels` | POST | admin | `entity_external_ids` | `slack_channel` | upsert, update the existing row | **MISSING** |", d);
        }

        [Fact]
        public void CellTextIsEscapedSoTablesKeepTheirShape()
        {
            var plan = DocumentPlans.Example();
            plan.Risks.Add(new RiskItem { Risk = "a | b\nsecond line", Mitigation = "use <script> and back\\slash" });
            plan.LinkingPoints[0].Metadata.Add("name|alias");
            var text = RolloutDocument.Render(plan);
            Assert.Contains("`name\\|alias`", Section(text, 'C'));
            Assert.Contains("| a \\| b second line | use &lt;script> and back\\\\slash |", Section(text, 'G'));
            Assert.Empty(MarkdownLint.Check(text));
        }

        [Fact]
        public void SecretValuesNeverReachTheDocument()
        {
            var plan = DocumentPlans.Example();
            plan.Handoff.Env[0].Value = "xoxb-not-for-your-eyes";
            Assert.DoesNotContain("xoxb-not-for-your-eyes", RolloutDocument.Render(plan));
            Assert.Equal("xoxb-not-for-your-eyes", plan.Handoff.Env[0].Value); // the caller's plan is not changed
        }

        [Fact]
        public void SamePlanGivesTheSameBytesWithoutATimestamp()
        {
            var a = RolloutDocument.Render(DocumentPlans.Example());
            var b = RolloutDocument.Render(DocumentPlans.Example());
            Assert.Equal(a, b);
            Assert.DoesNotContain("Rendered 20", a);
            var stamped = RolloutDocument.Render(DocumentPlans.Example(), new DocumentOptions { Timestamp = new DateTime(2026, 11, 23, 10, 30, 0, DateTimeKind.Utc) });
            Assert.Contains("_Rendered 2026-11-23T10:30:00Z._", stamped);
        }

        [Fact]
        public void GoldenDocumentForTheExamplePlan()
            => GoldenFiles.AssertMatches("slack.ROLLOUT-PLAN.md", RolloutDocument.Render(DocumentPlans.Example()));

        [Fact]
        public void GoNoGoListsTheInvariantsOnlyWhenThePlanHasThem()
        {
            var plan = DocumentPlans.Example();
            Assert.DoesNotContain("invariant", Section(RolloutDocument.Render(plan), 'I'), StringComparison.OrdinalIgnoreCase);
            plan.Invariants.Add(new PlanInvariant { Id = "no-stale-attribution", Description = "every attributed message keeps its mapping", Sql = "select m.id\nfrom slack_messages m\r\nwhere m.note = '`x`'" });
            plan.Invariants.Add(new PlanInvariant { Id = "no_orphan_runs", Sql = "select id from slack_sync_runs where finished_at is null" });
            var text = RolloutDocument.Render(plan);
            var section = Section(text, 'I');
            Assert.Contains("- [ ] `no-stale-attribution`: every attributed message keeps its mapping; query: ``select m.id from slack_messages m where m.note = '`x`'``", section);
            Assert.Contains("- [ ] `no_orphan_runs`: no description; query: `select id from slack_sync_runs where finished_at is null`", section);
            Assert.Empty(MarkdownLint.Check(text));
            GoldenFiles.AssertMatches("slack.go-no-go-invariants.md", section.TrimStart('\n'));
        }

        [Fact]
        public void GoldenDocumentForAnEmptyPlan()
            => GoldenFiles.AssertMatches("x.ROLLOUT-PLAN.md", RolloutDocument.Render(DocumentPlans.Empty()));

        /// <summary>The text of one H2 section, from its heading to the next H2.</summary>
        internal static string Section(string text, char letter)
        {
            int start = text.IndexOf("\n## " + letter + ") ", StringComparison.Ordinal);
            Assert.True(start >= 0, "section " + letter + " not found");
            int end = text.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
            return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        }
    }
}
