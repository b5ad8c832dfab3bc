using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Hostile and unusual trees against the folder walks of 72c912c/06ea476 (FolderListing handles, listed-regular
    /// reads, the routes-root walk aside and the inventory's two reading passes): what the code before them (0b1b356)
    /// gave is what these expect, except where that was a defect (a walk that revisits its own folder through links,
    /// a file swapped for a link after the listing, a route file skipped in silence because its folder cannot be
    /// searched): those say what is done now.
    /// </summary>
    public sealed class FolderWalkAttackTests
    {
        private static bool Linux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        // A Pages Router route that the plan lists (read in the inventory's second pass, after the connector's own
        // routes) and that a connector route imports a helper from (so the first pass loads it into the module graph
        // as the raw file, before the inventory reads it as its rewritten handler module).
        private static TempRepo PagesRouteImportedByTheConnector()
        {
            var repo = new TempRepo();
            repo.File("src/pages/api/aaa.ts",
                "export function helper() { return 1; }\n" +
                "export default async function handler(req, res) {\n" +
                "  await requireUser();\n" +
                "  await supabase.from('aaa').insert({ a: 1 });\n" +
                "  res.json({});\n" +
                "}\n" +
                "export async function other() {\n" +
                "  await supabase.from('wrong_table').delete().eq('id', 1);\n" +
                "}\n");
            repo.File("src/app/api/slack/events/route.ts",
                "import { helper } from '../../../../pages/api/aaa';\n" +
                "export async function POST(req: Request) {\n" +
                "  helper();\n" +
                "  return Response.json({});\n" +
                "}\n");
            return repo;
        }

        [Fact]
        public void APlanListedPagesRouteThatAConnectorRouteImportsIsAnalysedAsItsHandlerModule()
        {
            using var repo = PagesRouteImportedByTheConnector();
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Routes.Add(new RolloutRoute { Path = "/api/aaa" });
            plan.Routes.Add(new RolloutRoute { Path = "/api/slack/events" });

            var facts = CodeFactsReader.Read(plan, repo.Root);

            // Before: the guard on line 3 and the insert on line 4 of the default export. Since the inventory reads
            // plan-listed routes after the connector's, the handler's ranges (offsets in the rewritten module) are
            // applied to the raw file the import loaded: no guard, and the delete of the function below it.
            var post = facts.Routes.Single(r => r.PlanPath == "/api/aaa").Handlers.Single(h => h.Method == RouteMethod.POST);
            Assert.Equal("session", post.Guard);
            Assert.Equal("src/pages/api/aaa.ts:3", post.GuardAt);
            Assert.Equal("aaa", Assert.Single(post.Writes).Table);
        }

        [Fact]
        public void ARouteThatImportsAPagesRoutesDefaultExportFollowsItWhicheverIsReadFirst()
        {
            // The Pages route's rewritten handler module has no default export: it must not stand for the file that
            // imports load, whether the Pages route is read before the importer (/api/aaa < /api/bbb) or after.
            using var repo = PagesRouteImportedByTheConnector();
            repo.File("src/app/api/bbb/route.ts",
                "import handler from '../../../pages/api/aaa';\n" +
                "export async function POST(req) { return handler(req, null); }\n");
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Routes.Add(new RolloutRoute { Path = "/api/aaa" });
            plan.Routes.Add(new RolloutRoute { Path = "/api/bbb" });
            plan.Routes.Add(new RolloutRoute { Path = "/api/slack/events" });

            var facts = CodeFactsReader.Read(plan, repo.Root);

            var aaa = facts.Routes.Single(r => r.PlanPath == "/api/aaa").Handlers.Single(h => h.Method == RouteMethod.POST);
            Assert.Equal("session", aaa.Guard);
            var bbb = facts.Routes.Single(r => r.PlanPath == "/api/bbb").Handlers.Single(h => h.Method == RouteMethod.POST);
            Assert.Equal("session", bbb.Guard);
            Assert.Equal("aaa", Assert.Single(bbb.Writes).Table);
        }

        [Fact]
        public void TheGateSeesThePlanListedPagesRouteGuardAsBefore()
        {
            using var repo = PagesRouteImportedByTheConnector();
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Routes.Add(new RolloutRoute { Path = "/api/aaa", Methods = { RouteMethod.POST }, Auth = new RouteAuth("session") });
            plan.Routes.Add(new RolloutRoute { Path = "/api/slack/events" });

            var results = new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = repo.Root, Rules = new[] { "RP.Api.Guarded" } }).ToList();

            var guarded = results.Single(r => r.Target == "/api/aaa POST");
            Assert.True(guarded.Outcome == GateOutcome.Pass, guarded.Message);
        }

        [Fact]
        public void ADraftWithACancelledTokenThrowsOperationCanceledExceptionAsBefore()
        {
            // A routes root without the connector's folder: before, the walk of the routes root (first thing drafting
            // did) threw OperationCanceledException. The walk now runs as a Task.Run started with the cancelled token,
            // which never runs; the inventory finds nothing to read and asks for its result: TaskCanceledException.
            using var repo = new TempRepo().File("src/app/api/other/x/route.ts", "export async function GET() {}\n");
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.Throws<OperationCanceledException>(() => CodeFactsReader.Read(new RolloutPlan { Connector = "slack" }, repo.Root, cts.Token));

            // A routes root with no folder in it: the walk before checked the token for the routes root itself.
            using var bare = new TempRepo().File("src/app/api/readme.md", "routes\n");
            Assert.Throws<OperationCanceledException>(() => CodeFactsReader.Read(new RolloutPlan { Connector = "slack" }, bare.Root, cts.Token));
        }

        [DllImport("libc", EntryPoint = "setfsuid")]
        private static extern int SetFsUid(int uid);

        /// <summary>
        /// Runs <paramref name="body"/> on a thread of its own whose file-system user is <c>nobody</c> (setfsuid is per
        /// thread; changing it away from 0 drops CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH), so that permission bits hold
        /// even when the tests run as root. False when permissions cannot be made to hold here.
        /// </summary>
        private static bool AsNobody(string probeFolder, Action body)
        {
            Exception? failure = null;
            bool enforced = false;
            var thread = new Thread(() =>
            {
                int previous = SetFsUid(65534);
                try
                {
                    try { _ = Directory.EnumerateFileSystemEntries(probeFolder).Count(); }
                    catch (UnauthorizedAccessException) { enforced = true; }
                    if (enforced) body();
                }
                catch (Exception ex) { failure = ex; }
                finally { _ = SetFsUid(previous); }
            });
            thread.Start();
            thread.Join();
            if (failure != null) throw new Xunit.Sdk.XunitException("failed as nobody: " + failure);
            return enforced;
        }

        [Fact]
        public void ARouteFileInAFolderThatCanBeListedButNotSearchedIsInventoriedAsUnreadable()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var repo = new TempRepo()
                .File("src/app/api/slack/events/route.ts", "export async function POST() {}\n")
                .File("src/app/api/slack/noexec/route.ts", "export async function GET() {}\n");
            var probe = Path.Combine(repo.Root, "probe");
            Directory.CreateDirectory(probe);
            var noexec = Path.Combine(repo.Root, "src/app/api/slack/noexec");
            File.SetUnixFileMode(probe, UnixFileMode.None);
            // r--r--r--: its names can be read, but nothing in it can be looked up (no stat, no open).
            File.SetUnixFileMode(noexec, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            try
            {
                var layout = repo.Layout();
                List<RouteFile>? routes = null;
                if (!AsNobody(probe, () => routes = RouteInventory.Scan(layout, Array.Empty<string>()).Routes.ToList())) return;
                // Before 72c912c enumerating the folder's entries failed (the runtime stats each) and the folder was passed
                // over in silence. The d_type listing names route.ts, so the route is in the inventory, unread (no
                // handlers), as a route file that cannot be read always was: the gate says so instead of skipping it.
                Assert.Equal(new[] { "/api/slack/events", "/api/slack/noexec" }, routes!.Select(r => r.PlanPath));
                Assert.Empty(routes!.Single(r => r.PlanPath == "/api/slack/noexec").Handlers);
                Assert.NotEmpty(routes!.Single(r => r.PlanPath == "/api/slack/events").Handlers);
            }
            finally
            {
                File.SetUnixFileMode(probe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.SetUnixFileMode(noexec, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        [Fact]
        public void TwoLinksToTheirOwnFolderDoNotMakeTheRouteScanHang()
        {
            if (!Linux) return;
            // Each link leads back to the connector's folder, so every level of the walk has two ways down: 2^32 paths
            // before the depth cut (33 path components for a link). The same before the change (pre-existing).
            using var repo = new TempRepo().File("src/app/api/slack/events/route.ts", "export async function POST() {}\n");
            var folder = Path.Combine(repo.Root, "src/app/api/slack");
            File.CreateSymbolicLink(Path.Combine(folder, "a"), ".");
            File.CreateSymbolicLink(Path.Combine(folder, "b"), ".");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var started = DateTime.UtcNow;
            try { RouteInventory.Scan(repo.Layout(), Array.Empty<string>(), cts.Token); }
            catch (OperationCanceledException) { Assert.Fail("the route scan of a folder with two links to itself ran " + (DateTime.UtcNow - started).TotalSeconds.ToString("0") + " s and was cancelled"); }
        }

        [Fact]
        public void ARouteFileSwappedForALinkOutOfTheRepositoryAfterTheListingIsNotRead()
        {
            if (!Linux) return;
            var outside = Path.Combine(Path.GetTempPath(), "rp-outside-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outside);
            try
            {
                var secret = Path.Combine(outside, "secret.ts");
                File.WriteAllText(secret, "export async function POST() { return process.env.OUTSIDE_SECRET; }\n");
                using var repo = new TempRepo()
                    .File("src/app/api/slack/a/route.ts", "export async function POST() {}\n")
                    .File("src/app/api/slack/b/route.ts", "export async function POST() {}\n");
                var b = Path.Combine(repo.Root, "src/app/api/slack/b/route.ts");
                // The listing saw b/route.ts as a regular file; while a/route.ts is read (routes are read one after the
                // other, in plan-path order) it becomes a link out of the repository. ReadListedText opens it by path,
                // following the link (as ReadText's stat-then-open did before: pre-existing, but the open of a file
                // the listing saw as regular could refuse a link, O_NOFOLLOW, instead of falling back to ReadText).
                var options = new RouteScanOptions
                {
                    SourceRead = (route, source) =>
                    {
                        if (route.PlanPath != "/api/slack/a") return;
                        File.Delete(b);
                        File.CreateSymbolicLink(b, secret);
                    },
                };
                var inventory = RouteInventory.Scan(repo.Layout(), Array.Empty<string>(), options);
                var read = inventory.Routes.Single(r => r.PlanPath == "/api/slack/b").EnvReads ?? Array.Empty<EnvRead>();
                Assert.DoesNotContain(read, r => r.Name == "OUTSIDE_SECRET");
            }
            finally { Directory.Delete(outside, true); }
        }

        [Fact]
        public void RouteFilesInFoldersNearPathMaxAreInventoriedAsUnreadable()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var repo = new TempRepo().File("src/app/api/slack/events/route.ts", "export async function POST() {}\n");
            var slack = Path.Combine(repo.Root, "src", "app", "api", "slack");
            // Folders of 250 characters down to a path of about 3,850 bytes, then sub-folders whose paths are 4,093 to
            // 4,097 bytes long, each with a route.ts and a k/route.ts (made by a shell that descends with relative cd).
            var n = new string('n', 250);
            var script = new System.Text.StringBuilder("set -e; cd '" + slack + "'; ");
            int length = System.Text.Encoding.UTF8.GetByteCount(slack);
            while (length < 3850) { script.Append("mkdir " + n + "; cd " + n + "; "); length += 251; }
            foreach (var target in new[] { 4093, 4094, 4095, 4096, 4097 })
            {
                var name = (target + new string('x', 300)).Substring(0, target - length - 1);
                script.Append("mkdir " + name + " " + name + "/k; echo 'export async function GET() {}' > " + name + "/route.ts; echo 'export async function GET() {}' > " + name + "/k/route.ts; ");
            }
            void Shell(string command)
            {
                using var sh = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", new[] { "-c", command }) { UseShellExecute = false })!;
                sh.WaitForExit();
                Assert.Equal(0, sh.ExitCode);
            }
            try
            {
                Shell(script.ToString());
                var routes = RouteInventory.Scan(repo.Layout(), Array.Empty<string>()).Routes;
                // Before 72c912c the runtime's enumeration threw PathTooLongException for the deepest 250-character folder
                // (it holds an entry whose full path is exactly 4,096 bytes) and nothing below it was found, in silence.
                // Now every folder whose path can be opened (4093..., 4094..., 4095... and 4093.../k) is listed, and each
                // route file in them is inventoried, unread: its path is PATH_MAX or longer, so no one can read it (the
                // gate: "Route file ... is not in the plan"), as a route file that cannot be read always was.
                var deep = routes.Where(r => r.PlanPath != "/api/slack/events").ToList();
                Assert.Equal(4, deep.Count);
                Assert.All(deep, r => Assert.Empty(r.Handlers));
                Assert.All(deep, r => Assert.True(System.Text.Encoding.UTF8.GetByteCount(r.FilePath) >= 4096));
                Assert.NotEmpty(routes.Single(r => r.PlanPath == "/api/slack/events").Handlers);
            }
            finally { Shell("rm -rf '" + Path.Combine(slack, n) + "'"); } // too deep for Directory.Delete
        }
    }
}
