using System.Collections.Generic;
using System.IO;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class RepositoryLayoutTests
    {
        private static void Refused(TempRepo repo, string connector, System.Action<RepositorySettings>? settings = null)
        {
            var ex = Assert.Throws<RolloutException>(() => repo.Layout(connector, settings));
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.SecurityError, ex.Kind);
        }

        [Theory]
        [InlineData("../etc")]
        [InlineData("..")]
        [InlineData("a/b")]
        [InlineData("/abs")]
        [InlineData("Slack")]
        [InlineData("")]
        public void ConnectorSlugCannotNameAPath(string connector)
        {
            using var repo = new TempRepo();
            // A bad slug is InvalidConnectorName here as everywhere else (issue 18: it was PathOutsideRepository here only).
            var ex = Assert.Throws<RolloutException>(() => repo.Layout(connector, null));
            Assert.Equal("InvalidConnectorName", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.InvalidArgument, ex.Kind);
        }

        [Theory]
        [InlineData("../../etc")]
        [InlineData("src/../../etc")]
        [InlineData("/etc")]
        [InlineData("\\etc")]
        [InlineData("C:\\Windows")]
        [InlineData("~/x")]
        [InlineData("src\\..\\..\\x")]
        public void ConfiguredPathsCannotEscape(string path)
        {
            using var repo = new TempRepo();
            Refused(repo, "slack", s => s.Routes = path);
            Refused(repo, "slack", s => s.Migrations = new List<string> { path });
            Refused(repo, "slack", s => s.Docs = path);
            Refused(repo, "slack", s => s.Code = new List<string> { "src/lib/slack", path });
        }

        [Fact]
        public void SymbolicLinkOutOfTheRepositoryIsRefused()
        {
            using var repo = new TempRepo();
            using var outside = new TempRepo();
            outside.File("api/slack/x/route.ts", "export function GET() {}");
            Directory.CreateDirectory(Path.Combine(repo.Root, "src"));
            Directory.CreateSymbolicLink(Path.Combine(repo.Root, "src", "api"), Path.Combine(outside.Root, "api"));
            Refused(repo, "slack", s => s.Routes = "src/api");
            Refused(repo, "slack", s => s.Code = new List<string> { "src/api/slack" });
        }

        [Fact]
        public void DefaultsFollowTheSpec()
        {
            using var repo = new TempRepo();
            var layout = repo.Layout("google-workspace");
            Assert.Equal("src/app/api", layout.Relative(layout.RoutesRoot));
            Assert.Equal("src/app/api/google-workspace", layout.Relative(layout.ConnectorRouteFolder));
            Assert.Equal("supabase/migrations", layout.Relative(layout.MigrationsRoot));
            Assert.Equal("src/docs", layout.Relative(layout.DocsRoot));
            Assert.Equal("src/docs/GOOGLE-WORKSPACE-ROLLOUT-PLAN.md", layout.Relative(layout.RolloutDocumentPath));
            Assert.Equal(".env.example", layout.Relative(layout.EnvExamplePath));
            Assert.Equal(2, layout.CodePaths.Count);
            Assert.Equal("src/lib/google-workspace", layout.Relative(layout.CodePaths[0]));
            Assert.EndsWith("src/lib/connectors/google-workspace*", layout.CodePaths[1].Replace('\\', '/'));
        }

        [Fact]
        public void OverridesAreUsed()
        {
            using var repo = new TempRepo();
            repo.File("db/migrations/20260101_init.sql", "");
            var layout = repo.Layout("slack", s => { s.Routes = "app/api/"; s.Migrations = new List<string> { "./db/migrations" }; s.Docs = "docs"; s.Code = new List<string> { "lib/slack.ts" }; });
            Assert.Equal("app/api/slack", layout.Relative(layout.ConnectorRouteFolder));
            Assert.Equal("db/migrations", layout.Relative(layout.MigrationsRoot));
            Assert.Equal("docs/SLACK-ROLLOUT-PLAN.md", layout.Relative(layout.RolloutDocumentPath));
            Assert.Equal("lib/slack.ts", layout.Relative(Assert.Single(layout.CodePaths)));
        }

        /// <summary>A plan read from <c>repo/rollout-plan.yaml</c> (so that it has positions) with this <c>repository:</c> block.</summary>
        private static RolloutPlan PlanWith(TempRepo repo, string repositoryBlock)
        {
            var file = Path.Combine(repo.Root, "rollout-plan.yaml");
            File.WriteAllText(file, "schemaVersion: 1\nconnector: slack\nrepository:\n" + repositoryBlock);
            return RolloutPlaybook.Core.PlanFiles.PlanFileStore.Load(file);
        }

        private static RolloutException LayoutError(TempRepo repo, string repositoryBlock)
            => Assert.Throws<RolloutException>(() => RepositoryLayout.For(PlanWith(repo, repositoryBlock), repo.Root));

        private static MissingPath Missing(RepositoryLayout layout) => Assert.Single(layout.MissingPaths);

        [Fact]
        public void MissingMigrationsEntryIsListedWithItsKey()
        {
            using var repo = new TempRepo();
            repo.File("supabase/migrations/20260101_init.sql", "create table t (id int);");
            var layout = RepositoryLayout.For(PlanWith(repo, "  migrations: [supabase/migrations, supabase/nope.sql]\n"), repo.Root);
            var missing = Missing(layout);
            Assert.Equal("repository.migrations[1]", missing.Key);
            Assert.Equal("supabase/nope.sql", missing.Entry);
            Assert.StartsWith("'supabase/nope.sql' does not exist in the repository", missing.Message);

            // A misspelt folder as the only entry, in block-list form, keeps its index; a scalar entry is the key itself.
            Assert.Equal("repository.migrations[0]", Missing(RepositoryLayout.For(PlanWith(repo, "  migrations:\n    - supabase/migratons\n"), repo.Root)).Key);
            Assert.Equal("repository.migrations", Missing(RepositoryLayout.For(PlanWith(repo, "  migrations: db/migrations\n"), repo.Root)).Key);
        }

        [Fact]
        public void MigrationsEntryThatIsNotSqlIsListed()
        {
            using var repo = new TempRepo();
            repo.File("supabase/schema.txt", "");
            var missing = Missing(RepositoryLayout.For(PlanWith(repo, "  migrations: [supabase/schema.txt]\n"), repo.Root));
            Assert.Equal("repository.migrations[0]", missing.Key);
            Assert.StartsWith("'supabase/schema.txt' is a file but not a .sql migration", missing.Message);
        }

        [Fact]
        public void ExistingMigrationsEntriesAndDefaultsAreFine()
        {
            using var repo = new TempRepo();
            repo.File("supabase/migrations/20260101_init.sql", "").File("extra/20260102_more.sql", "");
            var layout = RepositoryLayout.For(PlanWith(repo, "  migrations: [supabase/migrations, extra/20260102_more.sql]\n"), repo.Root);
            Assert.Equal(2, layout.MigrationPaths.Count);
            Assert.Empty(layout.MissingPaths);
            // The default folder may be absent: nothing was configured, so nothing is wrong with the plan.
            using var empty = new TempRepo();
            Assert.Empty(empty.Layout().MissingPaths);
        }

        [Fact]
        public void MissingOrFolderEnvExampleIsListedWithItsKey()
        {
            using var repo = new TempRepo();
            repo.File(".env.example", "A=1\n").File("config/env/readme.md", "");
            var missing = Missing(RepositoryLayout.For(PlanWith(repo, "  envExample:\n    - .env.exmaple\n"), repo.Root));
            Assert.Equal("repository.envExample[0]", missing.Key);
            Assert.StartsWith("'.env.exmaple' does not exist in the repository", missing.Message);

            missing = Missing(RepositoryLayout.For(PlanWith(repo, "  envExample: [.env.example, config/env]\n"), repo.Root));
            Assert.Equal("repository.envExample[1]", missing.Key);
            Assert.StartsWith("'config/env' is a folder", missing.Message);

            var layout = RepositoryLayout.For(PlanWith(repo, "  envExample: [.env.example]\n"), repo.Root);
            Assert.Empty(layout.MissingPaths);
            Assert.Equal(".env.example", layout.Relative(Assert.Single(layout.EnvExamplePaths)));
        }

        [Theory]
        [InlineData("  routes: src/app/../../etc\n", "repository.routes", 4)]
        [InlineData("  docs: /etc\n", "repository.docs", 4)]
        [InlineData("  code:\n    - src/lib/slack\n    - ../x\n", "repository.code[1]", 6)]
        public void EscapingPathsNameTheirPlanLineAndKey(string block, string key, int line)
        {
            using var repo = new TempRepo();
            var ex = LayoutError(repo, block);
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.SecurityError, ex.Kind);
            Assert.StartsWith(Path.Combine(repo.Root, "rollout-plan.yaml") + ":" + line + ":", ex.Message);
            Assert.Contains(": " + key + ": '", ex.Message);
        }

        [Fact]
        public void EveryEscapeOfThePlanIsReportedAtOnce()
        {
            using var repo = new TempRepo();
            var ex = LayoutError(repo, "  migrations: [db/nope]\n  envExample: [../.env]\n  docs: ../docs\n");
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
            var lines = ex.Message.Split('\n');
            Assert.Equal(3, lines.Length);
            Assert.Contains("2 problems", lines[0]);
            Assert.Contains(":6:3: repository.docs: '../docs' climbs out", lines[1]);
            Assert.Contains(":5:", lines[2]); Assert.Contains("repository.envExample[0]: '../.env' climbs out", lines[2]);
        }

        [Fact]
        public void MissingRepositoryIsNotFound()
        {
            var ex = Assert.Throws<RolloutException>(() => RepositoryLayout.For(new RolloutPlan { Connector = "slack" }, Path.Combine(Path.GetTempPath(), "no-such-repo-" + System.Guid.NewGuid())));
            Assert.Equal("RepositoryNotFound", ex.ErrorId);
        }
    }
}
