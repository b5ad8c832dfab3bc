using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// The route scan's read-ahead (RouteReadAhead: the listing, reading and lexing on a second thread while the scan's
    /// thread analyses, in the listing's order) against the scan on one thread (in plan-path order): the same results,
    /// byte for byte, on every fixture application and on a generated one built to make the two orders differ; the
    /// second thread really ran; a cancelled or failing scan leaves no thread behind.
    /// </summary>
    [Collection("Route read-ahead threads")]
    public sealed class RouteReadAheadTests : IDisposable
    {
        private readonly string temp = Path.Combine(Path.GetTempPath(), "rp-ahead-" + Guid.NewGuid().ToString("N").Substring(0, 10));

        public void Dispose()
        {
            try { Directory.Delete(temp, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static bool Unix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private string Make(string relative, string text)
        {
            var full = Path.Combine(temp, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        /// <summary>Every property of every result, in order: what a report could show.</summary>
        private static string Describe(IEnumerable<GateResult> results)
        {
            var properties = typeof(GateResult).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            var lines = new List<string>();
            foreach (var r in results)
                lines.Add(string.Join(" | ", properties.Select(p =>
                {
                    var value = p.GetValue(r);
                    return p.Name + "=" + (value is string[] list ? string.Join(";", list) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                })));
            return string.Join("\n", lines);
        }

        private static string Gate(RolloutPlan plan, string root, bool oneThread, CancellationToken cancel = default)
            => Describe(new GateEngine().Evaluate(plan, new GateOptions
            {
                RepositoryRoot = root, Today = new DateTime(2026, 11, 29), OneThread = oneThread, Cancellation = cancel,
            }).ToList());

        private static IEnumerable<(string Root, string PlanFile)> FixturePlans()
        {
            foreach (var (_, root, plans) in CorpusTests.Apps())
                foreach (var plan in plans) yield return (root, plan);
            var app = Path.Combine(TestPaths.Fixtures, "app-repo");
            foreach (var plan in Directory.GetFiles(app, "rollout-plan.yaml", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
                yield return (app, plan);
        }

        [Fact]
        public void EveryFixtureApplicationGatesTheSameWithTheReadAheadAsOnOneThread()
        {
            int gated = 0;
            foreach (var (root, file) in FixturePlans())
            {
                var plan = PlanFileStore.Load(file);
                var one = Gate(plan, root, oneThread: true);
                var ahead = Gate(PlanFileStore.Load(file), root, oneThread: false);
                Assert.True(one == ahead, file + ": the gate with the read-ahead differs from the gate on one thread");
                Assert.Contains("RP.Docs.RoutesMatch", one, StringComparison.Ordinal);
                gated++;
            }
            Assert.True(gated >= 10, "only " + gated + " fixture plans were gated");
        }

        /// <summary>Drafting (SPEC §9) with its walk of the routes root on a second thread gives the same plan, byte for byte, as on one thread.</summary>
        [Fact]
        public void EveryFixtureApplicationDraftsTheSameWithOtherThreadsAsOnOne()
        {
            int drafted = 0, withRoutes = 0;
            foreach (var (root, file) in FixturePlans())
            {
                // The plan's own layout (repository: routeBase, connectorRoutes, pages ...) says where its code is.
                var plan = PlanFileStore.Load(file);
                string Draft(bool threads)
                {
                    var facts = Core.Drafting.CodeFactsReader.Read(plan, root, threads);
                    return Core.PlanFiles.PlanWriter.Write(Core.Drafting.PlanDrafter.Draft(new Core.Planning.NewPlanRequest { Connector = plan.Connector }, facts).Plan);
                }
                var one = Draft(false);
                Assert.True(one == Draft(true), file + ": the draft with other threads differs from the draft on one thread");
                drafted++;
                if (one.Contains("\nroutes:", StringComparison.Ordinal)) withRoutes++;
            }
            Assert.True(drafted >= 10, "only " + drafted + " fixture plans were drafted");
            Assert.True(withRoutes * 10 >= drafted * 8, "only " + withRoutes + " of " + drafted + " drafts found routes");
        }

        /// <summary>
        /// An application whose listing order is not its plan-path order (hundreds of route folders; '-' sorts before
        /// '/'), with two files for one plan path (the first by path wins), route groups, a Pages Router folder, a
        /// route folder elsewhere named for the connector, a helper every route imports, and an unreadable route file.
        /// </summary>
        private RolloutPlan GeneratedApp()
        {
            Make("tsconfig.json", "{ \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"./src/*\"] } } }");
            Make("src/lib/acme/guard.ts",
                "export async function requireAcmeUser(req) {\n  const { data: { user } } = await db().auth.getUser();\n  if (!user) throw new Error('no');\n  return user;\n}\n" +
                "export async function save(rows) {\n  const { error } = await db().from('acme_items').upsert(rows, { onConflict: 'id' });\n  if (error) throw error;\n}\n");
            var plan = new RolloutPlan { Connector = "acme" };
            for (int i = 0; i < 240; i++)
            {
                var folder = i % 3 == 0 ? $"r{i}" : i % 3 == 1 ? $"r{i}-x" : $"(group)/r{i}/x";
                Make($"src/app/api/acme/{folder}/route.ts",
                    "import { requireAcmeUser, save } from '@/lib/acme/guard';\n" +
                    (i % 2 == 0
                        ? "export async function POST(req) {\n  await requireAcmeUser(req);\n  const body = await req.json();\n  await save([{ id: body.id, source: 'acme_item' }]);\n  return Response.json({ ok: true });\n}\n"
                        : "export async function GET() {\n  return Response.json({ error: 'Use POST' }, { status: 405 });\n}\n"));
                if (i % 10 == 0) plan.Routes.Add(new RolloutRoute { Path = "/api/acme/" + folder.Replace("(group)/", ""), Methods = { i % 2 == 0 ? RouteMethod.POST : RouteMethod.GET } });
            }
            // Two files for one plan path: route.js and route.ts in one folder.
            Make("src/app/api/acme/twice/route.ts", "export async function GET() { return Response.json({ ts: true }); }\n");
            Make("src/app/api/acme/twice/route.js", "export async function PUT() { return Response.json({ js: true }); }\n");
            Make("src/app/api/cron/acme-sync/route.ts", "export async function GET(req) {\n  if (req.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) return new Response('no', { status: 401 });\n  return Response.json({});\n}\n");
            Make("src/pages/api/acme/legacy.ts", "export default async function handler(req, res) {\n  if (req.method === 'POST') { res.status(200).json({}); return; }\n  res.status(405).end();\n}\n");
            var locked = Make("src/app/api/acme/locked/route.ts", "export async function GET() { return Response.json({}); }\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(locked, UnixFileMode.None);
            plan.Routes.Add(new RolloutRoute { Path = "/api/acme/twice", Methods = { RouteMethod.GET } });
            return plan;
        }

        [Fact]
        public void AnApplicationWhoseListingOrderIsNotItsPlanOrderGatesTheSame()
        {
            var plan = GeneratedApp();
            var one = Gate(plan, temp, oneThread: true);
            var ahead = Gate(plan, temp, oneThread: false);
            Assert.Equal(one, ahead);
            // What was found, so that equal results mean something: the unplanned files, the duplicate's winner, the cron route.
            Assert.Contains("Target=/api/acme/r1-x", one, StringComparison.Ordinal);
            Assert.Contains("Target=/api/acme/r2/x", one, StringComparison.Ordinal);
            Assert.Contains("Target=/api/cron/acme-sync", one, StringComparison.Ordinal);
            Assert.Contains("src/app/api/acme/twice/route.js exports", one, StringComparison.Ordinal);
            Assert.DoesNotContain("twice/route.ts", one, StringComparison.Ordinal);
        }

        [Fact]
        public void TheSecondThreadPreparesFilesAndTheInventoriesAreEqual()
        {
            if (Environment.ProcessorCount < 2) return; // one core: the scan never starts the second thread
            var plan = GeneratedApp();
            RouteInventory ScanWith(bool ahead, out int aside)
            {
                var options = new RouteScanOptions { ReadAhead = ahead };
                var inventory = Scan(plan, options);
                aside = options.PreparedAside;
                return inventory;
            }
            var one = ScanWith(false, out var none);
            var two = ScanWith(true, out var aside);
            Assert.Equal(0, none);
            Assert.True(aside > 0, "the read-ahead thread prepared no file");
            Assert.Equal(one.Routes.Select(r => r.ToString() + " " + string.Join(",", r.Handlers.Select(h => h + " " + h.Facts))),
                         two.Routes.Select(r => r.ToString() + " " + string.Join(",", r.Handlers.Select(h => h + " " + h.Facts))));
            Assert.True(one.Routes.Count > 240);
        }

        /// <summary>
        /// The threads of this process named as the read-ahead names its thread (Linux: /proc/self/task/*/comm), once
        /// none is left or after 5 seconds: a joined thread's system thread ends a moment after Join returns, a leaked
        /// one (blocked, or never stopped) does not end at all.
        /// </summary>
        private static int ReadAheadThreads()
        {
            int Count() => Directory.GetDirectories("/proc/self/task").Count(t =>
            {
                try { return File.ReadAllText(Path.Combine(t, "comm")).Trim() == RouteReadAhead.ThreadName; }
                catch (IOException) { return false; }
            });
            SpinWait.SpinUntil(() => Count() == 0, TimeSpan.FromSeconds(5));
            return Count();
        }

        private RouteInventory Scan(RolloutPlan plan, RouteScanOptions options, CancellationToken cancel = default)
        {
            var layout = RepositoryLayout.For(plan, temp);
            return RouteInventory.Scan(layout, plan.Routes.Select(r => r.Path), options, new ModuleGraph(layout), new CodeRecognition(), cancel);
        }

        [Fact]
        public void AScanCancelledWhileTheSecondThreadListsLeavesNoThreadBehind()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Environment.ProcessorCount < 2) return;
            var plan = GeneratedApp();
            using var cancel = new CancellationTokenSource();
            int analysed = 0;
            // Cancelled once the scan's thread has analysed its first files, while the second thread is still listing.
            var options = new RouteScanOptions { FileAnalysed = _ => { if (++analysed == 3) cancel.Cancel(); } };
            Assert.ThrowsAny<OperationCanceledException>(() => Scan(plan, options, cancel.Token));
            Assert.InRange(analysed, 3, 4);
            Assert.Equal(0, ReadAheadThreads());
            // Cancelled before it starts: the listing on the second thread throws, and the scan throws that.
            Assert.ThrowsAny<OperationCanceledException>(() => Scan(plan, new RouteScanOptions(), cancel.Token));
            Assert.ThrowsAny<OperationCanceledException>(() => Gate(plan, temp, oneThread: false, cancel.Token));
            Assert.Equal(0, ReadAheadThreads());
        }

        [Fact]
        public void AnAnalysisThatThrowsMidwayLeavesNoThreadBehind()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Environment.ProcessorCount < 2) return;
            var plan = GeneratedApp();
            int analysed = 0;
            var options = new RouteScanOptions { FileAnalysed = file => { if (++analysed == 5) throw new InvalidDataException("stop at " + file); } };
            var thrown = Assert.Throws<InvalidDataException>(() => Scan(plan, options));
            Assert.StartsWith("stop at " + temp, thrown.Message, StringComparison.Ordinal);
            Assert.Equal(0, ReadAheadThreads());
        }

        [Fact]
        public void AFailureWhileBuildingTheRoutesIsTheOneTheOneThreadScanMeets()
        {
            var plan = GeneratedApp();
            Action<RouteFile, ScriptSource> fail = (route, _) => { if (route.PlanPath.Contains("r1", StringComparison.Ordinal)) throw new InvalidDataException("stop at " + route.RelativePath); };
            // The first route in plan-path order that fails, whichever order the files were analysed in.
            var ahead = Assert.Throws<InvalidDataException>(() => Scan(plan, new RouteScanOptions { SourceRead = fail }));
            var one = Assert.Throws<InvalidDataException>(() => Scan(plan, new RouteScanOptions { SourceRead = fail, ReadAhead = false }));
            Assert.Equal(one.Message, ahead.Message);
            Assert.Equal("stop at src/app/api/acme/r1-x/route.ts", one.Message);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) Assert.Equal(0, ReadAheadThreads());
        }

        // Found by a cold attack on the read-ahead: files that lose their plan path, and analysis failures.

        /// <summary>Many route folders (listing order not plan order), and folders holding two files for one plan path.</summary>
        private RolloutPlan AppWithDuplicates()
        {
            var plan = new RolloutPlan { Connector = "acme" };
            for (int i = 0; i < 60; i++)
            {
                Make($"src/app/api/acme/r{i}/route.ts", "export async function GET() {\n  return Response.json({ i: " + i + " });\n}\n");
                // route.js sorts before route.ts: the .js file is the route, the .ts file loses its plan path.
                if (i % 4 == 0) Make($"src/app/api/acme/r{i}/route.js", "export async function PUT() {\n  return Response.json({ js: " + i + " });\n}\n");
            }
            plan.Routes.Add(new RolloutRoute { Path = "/api/acme/r0", Methods = { RouteMethod.PUT } });
            return plan;
        }

        private (RouteInventory Inventory, ModuleGraph Graph, List<string> Analysed) ScanWatched(RolloutPlan plan, bool readAhead, Action<string>? analysed = null)
        {
            var layout = RepositoryLayout.For(plan, temp);
            var graph = new ModuleGraph(layout);
            var seen = new List<string>();
            var options = new RouteScanOptions { ReadAhead = readAhead, FileAnalysed = f => { seen.Add(f); analysed?.Invoke(f); } };
            var inventory = RouteInventory.Scan(layout, plan.Routes.Select(r => r.Path), options, graph, new CodeRecognition());
            return (inventory, graph, seen);
        }

        /// <summary>
        /// The one-thread scan reads and analyses only the first file of each plan path (files, a SortedDictionary keyed by
        /// plan path). The read-ahead analyses files as the listing finds them, before it knows which file of a plan path
        /// is the route: a second file for a plan path already analysed waits for the build, and one analysed that turns
        /// out not to be the route is taken back out of the module graph. So the graph holds exactly what the one-thread
        /// scan's graph holds (ModuleGraph.FilesRead, public), and the extra analyses are of files that are no route.
        /// </summary>
        [Fact]
        public void AFileThatLosesItsPlanPathIsNotKeptByTheReadAhead()
        {
            if (Environment.ProcessorCount < 2) return;
            var plan = AppWithDuplicates();
            var one = ScanWatched(plan, readAhead: false);
            var ahead = ScanWatched(plan, readAhead: true);
            Assert.Equal(one.Inventory.Routes.Select(r => r.FilePath), ahead.Inventory.Routes.Select(r => r.FilePath));
            // 60 routes; the 15 route.ts files beside a route.js are no route.
            Assert.Equal(60, one.Analysed.Count);
            Assert.Equal(60, one.Graph.FilesRead);
            Assert.Equal(one.Graph.FilesRead, ahead.Graph.FilesRead);
            Assert.Subset(new HashSet<string>(ahead.Analysed), new HashSet<string>(one.Analysed));
            var routes = new HashSet<string>(one.Inventory.Routes.Select(r => r.FilePath));
            Assert.All(ahead.Analysed.Except(one.Analysed), f => Assert.DoesNotContain(f, routes));
            // At most one file per plan path was analysed before the build: 60 plan paths, at most 60 early analyses plus
            // the deferred routes analysed at the build, never both files of a folder twice over.
            Assert.InRange(ahead.Analysed.Count, 60, 75);
            Assert.Equal(ahead.Analysed.Count, ahead.Analysed.Distinct().Count());
        }

        /// <summary>A loser that a route imports stays in the graph, as the one-thread scan loads it for the import.</summary>
        [Fact]
        public void AFileThatLosesItsPlanPathButIsImportedStaysInTheGraph()
        {
            if (Environment.ProcessorCount < 2) return;
            var plan = AppWithDuplicates();
            Make("src/app/api/acme/zz/route.ts", "import { GET as other } from '../r4/route';\nexport async function GET(req) {\n  return other(req);\n}\n");
            var one = ScanWatched(plan, readAhead: false);
            var ahead = ScanWatched(plan, readAhead: true);
            Assert.Equal(62, one.Graph.FilesRead); // 61 routes and r4's route.ts, loaded for the import
            Assert.Equal(one.Graph.FilesRead, ahead.Graph.FilesRead);
        }

        /// <summary>
        /// An exception of the analysis (here the scan's own hook; anything the analysis of a file throws) is thrown by the
        /// read-ahead at the first file in the listing's order, by the one-thread scan at the first in plan-path order:
        /// the two paths fail differently on the same repository.
        /// </summary>
        [Fact]
        public void AnAnalysisFailureIsTheOneTheOneThreadScanMeets()
        {
            if (Environment.ProcessorCount < 2) return;
            var plan = AppWithDuplicates();
            Action<string> fail = f => throw new InvalidDataException("stop at " + f.Substring(temp.Length));
            var one = Assert.Throws<InvalidDataException>(() => ScanWatched(plan, false, fail));
            var ahead = Assert.Throws<InvalidDataException>(() => ScanWatched(plan, true, fail));
            Assert.Equal(one.Message, ahead.Message);
        }
    }

    /// <summary>The read-ahead tests count this process's read-ahead threads, so no other test may run a scan meanwhile.</summary>
    [CollectionDefinition("Route read-ahead threads", DisableParallelization = true)]
    public sealed class RouteReadAheadThreadsCollection { }
}
