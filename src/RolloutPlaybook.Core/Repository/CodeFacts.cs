using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What the plan tells the recognisers about the application's own helpers (SPEC §8 <c>repository.guards</c>,
    /// <c>validators</c>, <c>cronSecrets</c>). Names are call names (<c>authenticate</c>) or regular expressions.
    /// </summary>
    public sealed class CodeRecognition
    {
        /// <summary>Guard value (session, admin, any role, cron, signature, state) to call names or regexes.</summary>
        public IDictionary<string, IList<string>> Guards { get; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Functions that validate a request body.</summary>
        public IList<string> Validators { get; } = new List<string>();
        /// <summary>Env vars a cron route compares its bearer token with; empty = any name containing CRON.</summary>
        public IList<string> CronSecrets { get; } = new List<string>();
    }

    /// <summary>A caller check found in a handler's code (SPEC §8 guard kinds).</summary>
    public sealed class GuardFact
    {
        public GuardFact(string kind, string what, string file, int line, string? role = null)
        {
            Kind = kind; What = what; File = file; Line = line; Role = role;
        }

        /// <summary><c>session</c>, <c>role</c>, <c>cron</c>, <c>signature</c>, <c>state</c>, or the plan value a listed name is for.</summary>
        public string Kind { get; }
        /// <summary>What was recognised, as a reader would name it: <c>supabase.auth.getUser()</c>, <c>requireRole('admin')</c>.</summary>
        public string What { get; }
        /// <summary>The role a role guard asks for, when it is a literal.</summary>
        public string? Role { get; }
        public string File { get; }
        public int Line { get; }
        public string At => File + ":" + Line;
        /// <summary>The check is reached only on some paths through the handler (inside an if/else/switch/catch/loop).</summary>
        public bool Conditional { get; internal set; }
        /// <summary>The check lets the request through when its secret or header is missing (<c>if (secret &amp;&amp; header !== …)</c>).</summary>
        public bool FailOpen { get; internal set; }

        public override string ToString() => Kind + " " + What + " @" + At + (Conditional ? " (some paths)" : "") + (FailOpen ? " (fail-open)" : "");
    }

    /// <summary>A supabase-js write found in a handler's code: <c>.from(t).insert|upsert|update|delete(…)</c> or <c>.rpc(fn)</c>.</summary>
    public sealed class WriteFact
    {
        public WriteFact(string op, string? table, IReadOnlyList<string> sources, IReadOnlyList<string>? onConflict, bool ignoreDuplicates, string file, int line)
        {
            Op = op; Table = table; Sources = sources; OnConflict = onConflict; IgnoreDuplicates = ignoreDuplicates; File = file; Line = line;
        }

        /// <summary><c>insert</c>, <c>upsert</c>, <c>update</c>, <c>delete</c> or <c>rpc</c>.</summary>
        public string Op { get; }
        /// <summary>The table of the chain's <c>.from('t')</c> (the function name for rpc); null when not a literal.</summary>
        public string? Table { get; }
        /// <summary>The <c>source</c> values of the rows (object literals, also through variables) or of the <c>.eq('source', …)</c> filter.</summary>
        public IReadOnlyList<string> Sources { get; }
        /// <summary>The columns of the upsert's <c>onConflict</c>; null when there is none or it is not a literal.</summary>
        public IReadOnlyList<string>? OnConflict { get; }
        public bool IgnoreDuplicates { get; }
        public string File { get; }
        public int Line { get; }
        public string At => File + ":" + Line;

        public override string ToString() => Op + " " + (Table ?? "?") + (Sources.Count > 0 ? " source=" + string.Join("|", Sources) : "") +
            (OnConflict != null ? " onConflict=" + string.Join(",", OnConflict) : "") + (IgnoreDuplicates ? " ignoreDuplicates" : "") + " @" + At;
    }

    /// <summary>How a handler validates the body it reads.</summary>
    public enum BodyValidation
    {
        /// <summary>No schema, no listed validator, no type check of the fields it reads (presence checks and JSON.parse are not validation).</summary>
        None,
        /// <summary>A schema library (zod, valibot, yup, joi, ajv, superstruct) or a listed validator.</summary>
        Schema,
        /// <summary>Explicit type checks of every field it reads.</summary>
        TypeChecks,
        /// <summary>Type checks of some of the fields it reads, not all.</summary>
        PartialTypeChecks,
    }

    /// <summary>
    /// The facts about one exported handler, found where the code really goes: the handler, its wrappers and the
    /// functions it calls (same file or imported from the repository), up to <see cref="HandlerAnalyzer.MaxDepth"/> calls deep.
    /// Each fact carries the file:line where it was found.
    /// </summary>
    public sealed class HandlerFacts
    {
        internal HandlerFacts(RouteMethod method, string file, int line)
        {
            Method = method; File = file; Line = line;
        }

        public RouteMethod Method { get; }
        public string File { get; }
        public int Line { get; }
        public string At => File + ":" + Line;

        public IReadOnlyList<GuardFact> Guards { get; internal set; } = Array.Empty<GuardFact>();
        /// <summary>The handler only returns a fixed response (no data access, no call beyond response builders): it needs no guard.</summary>
        public bool FixedResponse { get; internal set; }
        /// <summary>Where the request body is read (<c>.json()</c>, <c>.formData()</c>, <c>.text()</c>), or null.</summary>
        public string? BodyReadAt { get; internal set; }
        public BodyValidation Validation { get; internal set; }
        /// <summary>What validates the body and where (<c>zod .parse at src/x.ts:12</c>), or null.</summary>
        public string? ValidationWhat { get; internal set; }
        public string? ValidationAt { get; internal set; }
        /// <summary>The body fields the handler reads (when visible) and those it type-checks.</summary>
        public IReadOnlyList<string> FieldsRead { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<string> FieldsChecked { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<WriteFact> Writes { get; internal set; } = Array.Empty<WriteFact>();
        /// <summary>Where a unique violation (SQLSTATE 23505) is handled, or null.</summary>
        public string? UniqueViolationAt { get; internal set; }
        /// <summary>The functions followed from the handler, as <c>name (file:line)</c>.</summary>
        public IReadOnlyList<string> Followed { get; internal set; } = Array.Empty<string>();
        /// <summary>True when a call was not followed because it was deeper than the limit.</summary>
        public bool DepthLimited { get; internal set; }

        public override string ToString() => Method + " @" + At + ": guards [" + string.Join("; ", Guards.Select(g => g.ToString())) + "], writes [" +
            string.Join("; ", Writes.Select(w => w.ToString())) + "], body " + (BodyReadAt == null ? "not read" : Validation.ToString());
    }
}
