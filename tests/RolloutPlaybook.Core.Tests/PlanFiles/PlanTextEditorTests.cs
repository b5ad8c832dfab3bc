using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>The comment-keeping writer: a change rewrites the lines of what changed and nothing else.</summary>
    public sealed class PlanTextEditorTests
    {
        private const string Commented =
            "# Slack connector plan (owned by the data team)\n" +
            "schemaVersion: 1\n" +
            "connector: slack   # the slug\n" +
            "\n" +
            "# --- mapping ---\n" +
            "linkingPoints:\n" +
            "  # staff first\n" +
            "  - source: slack_user\n" +
            "    entity: staff   # who answers\n" +
            "    cardinality: '1:1'\n" +
            "    enforcedIn: db\n" +
            "  # then partners\n" +
            "  - source: slack_channel\n" +
            "    entity: partners\n" +
            "    cardinality: \"1:N\"\n" +
            "    enforcedIn: app\n" +
            "\n" +
            "team:\n" +
            "  tasks:\n" +
            "    - id: schema   # first\n" +
            "      agent: db\n" +
            "    - id: sync\n" +
            "      agent: sync\n" +
            "      dependsOn: [schema]\n" +
            "assumptions:\n" +
            "- unindented list item   # kept\n" +
            "# trailing comment\n";

        private static RolloutPlan Load(string text) => PlanFileStore.ParseText(text);

        private static string Splice(string text, Action<RolloutPlan> change)
        {
            var plan = Load(text);
            change(plan);
            var spliced = PlanTextEditor.Splice(text, plan, "plan.yaml", out var why);
            Assert.True(spliced != null, why);
            PlanEquality.AssertEqual(plan, Load(spliced!));
            return spliced!;
        }

        /// <summary>The lines of <paramref name="after"/> that are not in <paramref name="before"/> and the reverse (a line diff).</summary>
        internal static (List<string> Added, List<string> Removed) Diff(string before, string after)
        {
            var a = before.Split('\n');
            var b = after.Split('\n');
            int n = a.Length, m = b.Length;
            var lcs = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
                for (int j = m - 1; j >= 0; j--)
                    lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            var added = new List<string>();
            var removed = new List<string>();
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[x] == b[y]) { x++; y++; }
                else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) added.Add(b[y++]);
                else removed.Add(a[x++]);
            }
            return (added, removed);
        }

        [Fact]
        public void AnAddedLinkingPointIsTheOnlyChangeAndGoesAfterTheLastItem()
        {
            var text = Splice(Commented, p => p.LinkingPoints.Add(new LinkingPoint { Source = "slack_bot", Entity = "staff", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db }));
            var (added, removed) = Diff(Commented, text);
            Assert.Empty(removed);
            Assert.Equal(new[] { "  - source: slack_bot", "    entity: staff", "    cardinality: \"1:1\"", "    enforcedIn: db" }, added);
            Assert.Contains("    enforcedIn: app\n  - source: slack_bot\n", text);
        }

        [Fact]
        public void ARemovedItemTakesItsLinesAndTheCommentAboveItAndNothingElse()
        {
            var text = Splice(Commented, p => p.LinkingPoints.RemoveAt(1));
            var (added, removed) = Diff(Commented, text);
            Assert.Empty(added);
            Assert.Equal(new[] { "  # then partners", "  - source: slack_channel", "    entity: partners", "    cardinality: \"1:N\"", "    enforcedIn: app" }, removed);
        }

        [Fact]
        public void AChangedScalarChangesInPlaceKeepingTheLinesComment()
        {
            var text = Splice(Commented, p => p.LinkingPoints[0].Entity = "employees");
            var (added, removed) = Diff(Commented, text);
            Assert.Equal(new[] { "    entity: staff   # who answers" }, removed);
            Assert.Equal(new[] { "    entity: employees # who answers" }, added);
        }

        [Fact]
        public void ACommentAfterAChangedValueKeepsItsColumnWhenItCan()
        {
            var text = "schemaVersion: 1\nconnector: slack\ndisplayName: Slack        # shown\n";
            Assert.Equal("schemaVersion: 1\nconnector: slack\ndisplayName: Slack Web    # shown\n", Splice(text, p => p.DisplayName = "Slack Web"));
            Assert.Equal("schemaVersion: 1\nconnector: slack\ndisplayName: A much longer display name # shown\n", Splice(text, p => p.DisplayName = "A much longer display name"));
            Assert.Equal("schemaVersion: 1\nconnector: slack\ndisplayName: S            # shown\n", Splice(text, p => p.DisplayName = "S"));
        }

        [Fact]
        public void ANewKeyOfAnItemGoesInTheWritersOrderAndAFlowListIsReplacedWhole()
        {
            var text = Splice(Commented, p =>
            {
                p.LinkingPoints[0].ExternalId = "Slack user ID";
                p.Team.Tasks[1].DependsOn.Add("extra");
                p.Team.Tasks.Add(new AgentTask { Id = "extra", Agent = "ui" });
            });
            var (added, removed) = Diff(Commented, text);
            Assert.Equal(new[] { "      dependsOn: [schema]" }, removed);
            Assert.Equal(new[] { "    externalId: Slack user ID", "      dependsOn: [schema, extra]", "    - id: extra", "      agent: ui" }, added);
            Assert.Contains("  - source: slack_user\n    externalId: Slack user ID\n    entity: staff", text);
        }

        [Fact]
        public void ANewTopLevelSectionGoesAfterTheSectionBeforeIt()
        {
            var text = Splice(Commented, p => p.Routes.Add(new RolloutRoute { Path = "/api/slack/x", Methods = { RouteMethod.GET } }));
            var (added, removed) = Diff(Commented, text);
            Assert.Empty(removed);
            Assert.Equal(new[] { "routes:", "  - path: /api/slack/x", "    methods: [GET]" }, added);
            Assert.Contains("    enforcedIn: app\nroutes:\n", text);
        }

        [Fact]
        public void AnUnindentedListGrowsAtItsOwnIndentationAndTheLastSectionCanGo()
        {
            var grown = Splice(Commented, p => p.Assumptions.Add("another"));
            Assert.EndsWith("- unindented list item   # kept\n- another\n# trailing comment\n", grown);
            var emptied = Splice(Commented, p => p.Assumptions.Clear());
            var (added, removed) = Diff(Commented, emptied);
            Assert.Empty(added);
            Assert.Equal(new[] { "assumptions:", "- unindented list item   # kept" }, removed);
        }

        [Fact]
        public void RemovingTheLastItemOfAListRemovesItsKey()
        {
            var text = Splice(Commented, p => p.LinkingPoints.Clear());
            Assert.DoesNotContain("linkingPoints", text);
            Assert.DoesNotContain("slack_", text);
            Assert.Contains("connector: slack   # the slug\n\n\nteam:", text); // the section comment above the key went with it
        }

        [Fact]
        public void CrLfFilesStayCrLfAndAFileWithoutAFinalLineBreakGrowsOnANewLine()
        {
            var crlf = Commented.Replace("\n", "\r\n");
            var text = Splice(crlf, p => p.OpenQuestions.Add("who owns it?"));
            Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
            Assert.EndsWith("openQuestions: [who owns it?]\r\n# trailing comment\r\n", text);

            var bare = "schemaVersion: 1\nconnector: slack";
            Assert.Equal("schemaVersion: 1\nconnector: slack\ndisplayName: Slack\n", Splice(bare, p => p.DisplayName = "Slack"));
        }

        [Fact]
        public void ACanonicalFileChangedOneItemAtATimeStaysCanonical()
        {
            var text = File.ReadAllText(TestPaths.ExamplePlan);
            var edits = new Action<RolloutPlan>[]
            {
                p => p.LinkingPoints.Add(new LinkingPoint { Source = "slack_bot", Entity = "staff", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db }),
                p => p.LinkingPoints.RemoveAt(0),
                p => p.Routes[0].Writes.RemoveAt(1),
                p => p.Phases.Sync.Checks[0].Status = CheckStatus.Pass,
                p => p.Team.Tasks.RemoveAt(p.Team.Tasks.Count - 1),
                p => p.Handoff.Env.RemoveAt(0),
                p => p.Waivers.Add(new GateWaiver { Rule = "RP.Sync.RateBudget", Reason = "later", Expires = new DateTime(2027, 1, 1) }),
                p => p.Sync.PageCap = 7,
                p => p.Intake.SourceLimits.RateLimit = new RateLimit { Requests = 10, Per = Duration.Parse("1s") },
            };
            foreach (var edit in edits)
            {
                var plan = Load(text);
                edit(plan);
                var spliced = PlanTextEditor.Splice(text, plan, null, out var why);
                Assert.True(spliced != null, why);
                Assert.Equal(PlanWriter.Write(plan, PlanFormat.Yaml, TestPaths.ExampleSchemaReference), spliced);
            }
        }

        [Fact]
        public void AnyPlanBecomesAnyOtherPlanThroughTheSplice()
        {
            for (int seed = 0; seed < 200; seed++)
            {
                var from = new PlanGenerator(seed).Next();
                var to = new PlanGenerator(seed + 1000).Next();
                // Share some items so that lists are edited, not only replaced.
                if (seed % 2 == 0) { to.LinkingPoints.InsertRange(0, from.LinkingPoints.Take(2)); to.Team.Tasks.AddRange(from.Team.Tasks.Take(1)); }
                var text = PlanWriter.Write(from);
                var spliced = PlanTextEditor.Splice(text, to, "seed" + seed, out var why);
                Assert.True(spliced != null, "seed " + seed + " did not splice: " + why);
                PlanEquality.AssertEqual(Load(PlanWriter.Write(to)), Load(spliced!));
            }
        }

        [Fact]
        public void ALayoutItDoesNotFollowIsRefusedNotGuessed()
        {
            var anchored = "schemaVersion: 1\nconnector: slack\ngoal:\n  unlocks: &u [a, b]\n  successCriteria: *u\n";
            var plan = Load(anchored);
            plan.Goal.Unlocks.Add("c");
            var spliced = PlanTextEditor.Splice(anchored, plan, null);
            if (spliced != null) PlanEquality.AssertEqual(plan, Load(spliced));
        }

        [Theory]
        [InlineData("schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - { source: a, entity: staff, cardinality: '1:1' }   # flow item\n  - { source: b, entity: staff }\n")]
        [InlineData("schemaVersion: 1\nconnector: slack\nlinkingPoints:\n-   source: a\n    entity: staff\n- source: b\n  entity: staff\n")]
        [InlineData("schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  -\n    source: a\n    entity: staff\n\n  # between\n\n  - source: b\n    entity: staff\n")]
        [InlineData("schemaVersion: 1\nconnector: slack\ngoal:\n  why: |\n    a long\n    reason\n  unlocks:\n    - x\nlinkingPoints: [{ source: a }, { source: b }]\n")]
        [InlineData("{ schemaVersion: 1, connector: slack, linkingPoints: [ { source: a }, { source: b } ] }\n", 0)]
        public void HandWrittenLayoutsEitherSpliceFaithfullyOrAreRefused(string text, int refused = -1)
        {
            var edits = new Action<RolloutPlan>[]
            {
                p => p.LinkingPoints.RemoveAt(0),
                p => p.LinkingPoints.RemoveAt(1),
                p => p.LinkingPoints[0].Entity = "partners",
                p => p.LinkingPoints[1].Purpose = "second",
                p => p.LinkingPoints.Add(new LinkingPoint { Source = "c", Entity = "x" }),
                p => p.Goal.Why = "short",
                p => p.Goal.Unlocks.Add("y"),
            };
            int spliced = 0;
            foreach (var edit in edits)
            {
                var plan = Load(text);
                edit(plan);
                var result = PlanTextEditor.Splice(text, plan, null);
                if (result == null) continue;
                spliced++;
                PlanEquality.AssertEqual(plan, Load(result));
            }
            // Block layouts splice every edit; a document written wholly in flow style is refused (the caller rewrites it).
            if (refused == 0) Assert.Equal(0, spliced);
            else Assert.Equal(edits.Length, spliced);
        }
    }
}
