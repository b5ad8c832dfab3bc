using System;
using System.IO;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>Writes the fixture app's drafts (for review); runs only when RP_DUMP_DRAFT names a folder.</summary>
    public class DraftDumpTool
    {
        [Fact]
        public void Dump()
        {
            var target = Environment.GetEnvironmentVariable("RP_DUMP_DRAFT");
            if (string.IsNullOrEmpty(target)) return;
            var repo = Path.Combine(TestPaths.Fixtures, "app-repo");
            foreach (var connector in new[] { "slack", "hubspot" })
            {
                var request = new NewPlanRequest { Connector = connector };
                var facts = CodeFactsReader.Read(new RolloutPlaybook.Model.RolloutPlan { Connector = connector }, repo);
                var draft = PlanDrafter.Draft(request, facts);
                File.WriteAllText(Path.Combine(target, connector + ".draft.yaml"), PlanWriter.Write(draft.Plan));
            }
        }
    }
}
