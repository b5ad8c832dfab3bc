using System;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Writes every repository result of a plan against a repository (for writing corpus expectations); runs only when
    /// RP_DUMP_GATE=plan-file;repository-root[;output-file] is set.
    /// </summary>
    public class GateDumpTool
    {
        /// <summary>RP_RENDER_DOC=plan-file;output-file renders a fixture's rollout document after a plan change.</summary>
        [Fact]
        public void Render()
        {
            var spec = Environment.GetEnvironmentVariable("RP_RENDER_DOC");
            if (string.IsNullOrEmpty(spec)) return;
            var parts = spec!.Split(';');
            File.WriteAllText(parts[1], RolloutPlaybook.Core.Rendering.RolloutDocument.Render(PlanFileStore.Load(parts[0])));
        }

        [Fact]
        public void Dump()
        {
            var spec = Environment.GetEnvironmentVariable("RP_DUMP_GATE");
            if (string.IsNullOrEmpty(spec)) return;
            var parts = spec!.Split(';');
            var plan = PlanFileStore.Load(parts[0]);
            var sb = new StringBuilder();
            foreach (var r in new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = parts[1], Rules = Environment.GetEnvironmentVariable("RP_DUMP_ALL") != null ? new[] { "*" } : new[] { "RP.Docs.*", "RP.Api.*", "RP.Map.*" } }))
                sb.AppendLine(r.Outcome + "\t" + r.RuleId + "\t" + r.Target + "\t" + r.Message + "\t[" + string.Join(" ", r.Evidence) + "]");
            File.WriteAllText(parts.Length > 2 ? parts[2] : "/tmp/gate-dump.txt", sb.ToString());
        }
    }
}
