using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Authoring
{
    /// <summary>The one plan editor: arguments checked, edit applied with its rules, intake reconciled once; in memory or in a file.</summary>
    public class PlanEditorTests
    {
        private static RolloutPlan NewPlan() => PlanFileStore.ParseText("schemaVersion: 1\nconnector: slack\n");

        [Fact]
        public void ALinkingPointDefaultsItsEnforcementAndWarnsNamingTheRule()
        {
            var plan = NewPlan();
            var notices = PlanEditor.Apply(plan, new AddLinkingPointEdit { Source = "a", Entity = "staff", Cardinality = Cardinality.OneToOne }, replace: false);
            Assert.Empty(notices);
            Assert.Equal(EnforcedIn.Db, plan.LinkingPoints.Single().EnforcedIn);
            notices = PlanEditor.Apply(plan, new AddLinkingPointEdit { Source = "b", Entity = "staff", Cardinality = Cardinality.OneToMany, EnforcedIn = EnforcedIn.Db }, replace: false);
            Assert.Contains("RP.Map.OneToOneEnforced", Assert.Single(notices).Message);
            Assert.True(notices[0].IsWarning);
        }

        [Fact]
        public void AnExistingKeyIsRefusedUnlessReplacedAndTheRefusalChangesNothing()
        {
            var plan = NewPlan();
            PlanEditor.Apply(plan, new AddMetricEdit { Name = "m", Definition = "d1", Exclude = new[] { "bot" } }, replace: false);
            var ex = Assert.Throws<RolloutException>(() => PlanEditor.Apply(plan, new AddMetricEdit { Name = "m", Definition = "d2" }, replace: false));
            Assert.Equal("RolloutMetricExists", ex.ErrorId);
            Assert.Equal("d1", plan.Analytics.Metrics.Single().Definition);
            PlanEditor.Apply(plan, new AddMetricEdit { Name = "m", Definition = "d2", Exclude = new[] { "bot" } }, replace: true);
            Assert.Equal("d2", plan.Analytics.Metrics.Single().Definition);
        }

        [Fact]
        public void AnArgumentThatLooksLikeASecretIsRefusedBeforeTheEditNamingTheParameterOnly()
        {
            var plan = NewPlan();
            var token = "xoxb-" + "123456789012-123456789012-abcdefghijklmnopqrstuvwx";
            var ex = Assert.Throws<RolloutException>(() => PlanEditor.Apply(plan, new AddHandoffSmokeTestEdit { Action = "a", Expect = token }, replace: false,
                new[] { new KeyValuePair<string, string>("Expect", token) }));
            Assert.Equal("SecretLikeValue", ex.ErrorId);
            Assert.Contains("-Expect", ex.Message);
            Assert.DoesNotContain(token, ex.Message);
            Assert.Empty(plan.Handoff.SmokeTests);
        }

        [Fact]
        public void InMemoryATaskMayNameOneAddedLaterButAFileEditMayNot()
        {
            var plan = NewPlan();
            var notices = PlanEditor.Apply(plan, new AddAgentTaskEdit { Id = "first", Agent = "review", Title = "t", DependsOn = new[] { "later" } }, replace: false);
            Assert.Contains("later", Assert.Single(notices).Message);
            Assert.False(notices[0].IsWarning);

            var folder = Path.Combine(Path.GetTempPath(), "rp-editor-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var file = Path.Combine(folder, "rollout-plan.yaml");
                PlanFileStore.Save(NewPlan(), file);
                var before = File.ReadAllBytes(file);
                var ex = Assert.Throws<RolloutException>(() => PlanEditor.ApplyToFile(file,
                    new AddAgentTaskEdit { Id = "first", Agent = "review", Title = "t", DependsOn = new[] { "later" } }, false, new PlanSaveOptions(), out _));
                Assert.Equal("AgentTaskDependencyNotFound", ex.ErrorId);
                Assert.Equal(before, File.ReadAllBytes(file));
            }
            finally { Directory.Delete(folder, true); }
        }

        [Fact]
        public void TheIntakeIsReconciledOnceByTheEditNotByReading()
        {
            var plan = PlanFileStore.ParseText("schemaVersion: 1\nconnector: slack\nintake:\n  urgentPhase: sync\nassumptions:\n  - \"Intake Q3 (urgent phase): phases are delivered in playbook order, mapping first.\"\n");
            Assert.Single(plan.Assumptions);
            PlanEditor.Apply(plan, new AddNoteEdit { Kind = NoteKind.Risk, Text = "r" }, replace: false);
            Assert.Empty(plan.Assumptions);
            Assert.Equal("r", plan.Risks.Single().Risk);
        }
    }
}
