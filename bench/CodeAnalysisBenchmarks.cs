using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// SPEC §8 speed: the gate's code rules over a generated 500-route application whose handlers reach their guards,
    /// validators and writes through wrappers and helpers in other files (tsconfig <c>@/</c> imports, a cycle between
    /// two lib files), vs a bare enumerate-and-read of the files the analysis reads. Goal ≤ 2×.
    /// </summary>
    [MemoryDiagnoser]
    public class CodeAnalysisBenchmarks
    {
        private const int Routes = 500;
        private const int Helpers = 50;
        private GeneratedRepository repo = null!;
        private string root = null!;
        private RolloutPlan plan = null!;

        private static readonly string[] CodeRules =
            { "RP.Docs.RoutesMatch", "RP.Api.Guarded", "RP.Api.BodyValidated", "RP.Map.OnConflictDocumented", "RP.Docs.EnvMatch" };

        [GlobalSetup]
        public void Setup()
        {
            repo = new GeneratedRepository("code");
            root = repo.Root;
            repo.Write("tsconfig.json", "{ \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"./src/*\"] } } }");
            repo.Write(".env.example", "ACME_TOKEN=\n");
            repo.Write("src/lib/db.ts", "import { createClient } from '@supabase/supabase-js';\nexport const db = () => createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n");
            repo.Write("src/lib/acme/auth.ts",
                "import { db } from '@/lib/db';\nimport { audit } from './audit';\n" +
                "export function withAuth(handler) {\n  return async (req) => {\n    const { data: { user } } = await db().auth.getUser();\n    if (!user) return new Response('no', { status: 401 });\n    audit(user.id);\n    return handler(req, user);\n  };\n}\n" +
                "export function withErrors(handler) { return async (req) => { try { return await handler(req); } catch (e) { return new Response(String(e), { status: 500 }); } }; }\n");
            repo.Write("src/lib/acme/audit.ts", "import { withAuth } from './auth';\nexport function audit(id) { return id ? withAuth : null; }\n");
            for (int h = 0; h < Helpers; h++)
                repo.Write($"src/lib/acme/h{h}.ts",
                    "import { db } from '@/lib/db';\nimport { z } from 'zod';\n" +
                    $"export const Input{h} = z.object({{ id: z.string(), name: z.string() }});\n" +
                    $"async function writeRows(table, rows) {{ const {{ error }} = await db().from(table).upsert(rows, {{ onConflict: 'id' }}); if (error) throw error; }}\n" +
                    $"export async function save{h}(input) {{\n  const rows = [input].map((x) => ({{ id: x.id, name: x.name, source: 'acme_item' }}));\n  await writeRows('acme_items_{h}', rows);\n  return fetch('https://example.invalid/' + process.env.ACME_TOKEN);\n}}\n");
            plan = new RolloutPlan { Connector = "acme" };
            plan.Handoff.Env.Add(new HandoffEnvVar { Name = "ACME_TOKEN", Secret = true, Local = ".env.local", Deploy = "Vercel" });
            for (int i = 0; i < Routes; i++)
            {
                int h = i % Helpers;
                repo.Write($"src/app/api/acme/r{i}/route.ts",
                    "import { withAuth, withErrors } from '@/lib/acme/auth';\n" +
                    $"import {{ Input{h}, save{h} }} from '@/lib/acme/h{h}';\n" +
                    $"async function handleCreate(req) {{\n  const input = Input{h}.parse(await req.json());\n  await save{h}(input);\n  return Response.json({{ ok: true }}, {{ status: 201 }});\n}}\n" +
                    "export const POST = withErrors(withAuth(handleCreate));\n" +
                    "export async function GET() { return Response.json({ error: 'Use POST' }, { status: 405 }); }\n");
                var route = new RolloutRoute { Path = $"/api/acme/r{i}", Methods = { RouteMethod.GET, RouteMethod.POST }, Auth = "session" };
                route.Writes.Add(new RouteWrite { Table = $"acme_items_{h}", Method = { RouteMethod.POST }, Action = WriteAction.Update, OnConflict = "id" });
                plan.Routes.Add(route);
            }
            // Sanity: the analysis finds every guard and write (a benchmark of a gate that finds nothing proves nothing).
            var results = Gate();
            if (results.Any(r => r.Outcome != GateOutcome.Pass))
                throw new InvalidOperationException("the generated app must gate clean: " + results.First(r => r.Outcome != GateOutcome.Pass).Message);
        }

        [GlobalCleanup]
        public void Cleanup() => repo.Delete();

        [Benchmark(Baseline = true, Description = "enumerate + read the files the analysis reads")]
        public long BareEnumerateAndRead()
        {
            var files = new List<string>();
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "src/app/api/acme"), "route.*", SearchOption.AllDirectories));
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "src/lib/acme"), "*.ts"));
            files.Add(Path.Combine(root, "src/lib/db.ts"));
            files.Add(Path.Combine(root, "tsconfig.json"));
            files.Add(Path.Combine(root, ".env.example"));
            long chars = 0;
            foreach (var f in files) chars += File.ReadAllText(f).Length;
            return chars;
        }

        [Benchmark(Description = "gate code rules (routes, guards, body validation, writes, env) following calls across files")]
        public List<GateResult> Gate()
            => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = CodeRules, Today = new DateTime(2026, 11, 29) }).ToList();

        /// <summary>The same with everything on one thread: no route read-ahead (RouteReadAhead), as on a one-core machine.</summary>
        [Benchmark(Description = "the same, on one thread (no route read-ahead)")]
        public List<GateResult> GateOneThread()
            => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = CodeRules, Today = new DateTime(2026, 11, 29), OneThread = true }).ToList();
    }
}
