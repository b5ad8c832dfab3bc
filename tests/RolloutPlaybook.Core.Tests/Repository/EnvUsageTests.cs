using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class EnvUsageTests
    {
        [Fact]
        public void ReadForms()
        {
            var code = "const a = process.env.A_TOKEN;\nconst b = process.env['B_KEY'] ?? process.env[\"C_KEY\"];\nconst { D_ONE, E_TWO: e, F = 'x' } = process.env;\nconst g = process.env?.G_OPT;\n// process.env.COMMENTED\nconst s = 'process.env.IN_STRING';\nconst t = `${process.env.IN_TEMPLATE}`;\nmyprocess.env.NOT_IT;";
            var reads = EnvUsage.ReadsIn(code, "x.ts");
            Assert.Equal(new[] { "A_TOKEN", "B_KEY", "C_KEY", "D_ONE", "E_TWO", "F", "G_OPT", "IN_TEMPLATE" }, reads.Select(r => r.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.Equal(2, reads.Single(r => r.Name == "C_KEY").Line);
            Assert.Equal(7, reads.Single(r => r.Name == "IN_TEMPLATE").Line);
        }

        [Fact]
        public void EnvExampleLines()
        {
            var names = EnvUsage.ParseExample(new[] { "# A=comment", "", "A=1", "export B=two", "  C = 3", "A=again", "D", "not valid line", "# E=", "export", "# just words", "## F = x", "#G" });
            Assert.Equal(new[] { "A", "B", "C", "D", "E", "F" }, names.Keys);
            Assert.Equal(3, names["A"]);      // a plain assignment beats a commented one
            Assert.Equal(4, names["B"]);
            Assert.Equal(9, names["E"]);      // a commented template line documents the variable (SPEC §8)
            Assert.Equal(12, names["F"]);
        }

        [Fact]
        public void ScansRouteFilesAndCodePathsOnly()
        {
            using var repo = new TempRepo()
                .File("src/app/api/slack/x/route.ts", "export function GET() { return process.env.ROUTE_VAR; }")
                .File("src/app/api/cron/slack-sync/route.ts", "export function GET() { return process.env.CRON_SECRET; }")
                .File("src/app/api/cron/other/route.ts", "process.env.OTHER_CRON;")
                .File("src/lib/slack/deep/a.ts", "process.env.LIB_VAR;")
                .File("src/lib/slack/types.d.ts", "process.env.DECLARED_ONLY;")
                .File("src/lib/slack/readme.md", "process.env.DOC_VAR")
                .File("src/lib/connectors/slack.ts", "process.env.REGISTRY_VAR;")
                .File("src/lib/connectors/slack-extra/index.ts", "process.env.PREFIX_DIR_VAR;")
                .File("src/lib/connectors/hubspot.ts", "process.env.HUBSPOT_VAR;")
                .File("src/lib/supabase.ts", "process.env.SUPABASE_URL;")
                .File(".env.example", "ROUTE_VAR=\n");
            var layout = repo.Layout();
            var routes = RouteInventory.Scan(layout, new[] { "/api/cron/slack-sync" });
            var usage = EnvUsage.Scan(layout, routes);
            Assert.Equal(new[] { "CRON_SECRET", "LIB_VAR", "PREFIX_DIR_VAR", "REGISTRY_VAR", "ROUTE_VAR" }, usage.Names);
            Assert.Equal("src/app/api/slack/x/route.ts:1", usage.Reads.Single(r => r.Name == "ROUTE_VAR").At);
            Assert.Equal(1, usage.EnvExample!["ROUTE_VAR"]);
        }

        [Fact]
        public void NoEnvExampleIsNull()
        {
            using var repo = new TempRepo();
            var layout = repo.Layout();
            Assert.Null(EnvUsage.Scan(layout, RouteInventory.Scan(layout, Array.Empty<string>())).EnvExample);
        }

        [Fact]
        public void EveryDefaultEnvExampleFileThatExistsIsRead()
        {
            using var repo = new TempRepo()
                .File("env.example", "# CRON_SECRET=long-random-string\nSLACK_BOT_TOKEN=\n")
                .File(".env.sample", "SLACK_BOT_TOKEN=\nSAMPLE_ONLY=1\n");
            var layout = repo.Layout();
            Assert.Equal(new[] { ".env.sample", "env.example" }, layout.EnvExamplePaths.Select(layout.Relative));
            var usage = EnvUsage.Scan(layout, RouteInventory.Scan(layout, Array.Empty<string>()));
            Assert.Equal(new[] { ".env.sample", "env.example" }, usage.EnvExampleFiles);
            Assert.Equal(".env.sample:1", usage.DocumentedAt("SLACK_BOT_TOKEN"));
            Assert.Equal("env.example:1", usage.DocumentedAt("CRON_SECRET"));
            Assert.Null(usage.DocumentedAt("MISSING"));
        }

        [Fact]
        public void ThePlansEnvExampleListReplacesTheDefaults()
        {
            using var repo = new TempRepo()
                .File(".env.example", "DEFAULT_ONLY=1\n")
                .File("config/env.template", "FROM_PLAN=1\n");
            var layout = repo.Layout("slack", s => s.EnvExample = new List<string> { "config/env.template" });
            var usage = EnvUsage.Scan(layout, RouteInventory.Scan(layout, Array.Empty<string>()));
            Assert.Equal(new[] { "config/env.template" }, usage.EnvExampleFiles);
            Assert.Equal("config/env.template:1", usage.DocumentedAt("FROM_PLAN"));
            Assert.Null(usage.DocumentedAt("DEFAULT_ONLY"));
            Assert.Throws<RolloutPlaybook.Core.Errors.RolloutException>(() => repo.Layout("slack", s => s.EnvExample = new List<string> { "../outside.env" }));
        }
    }
}
