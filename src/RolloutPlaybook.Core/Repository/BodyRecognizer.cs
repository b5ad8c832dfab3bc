using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Request body reads and their validation (SPEC §8): schema libraries (zod / valibot / yup / joi / ajv /
    /// superstruct), the plan's listed validators, or explicit type checks (<c>typeof body.x</c>, <c>Array.isArray</c>)
    /// compared with the fields the handler reads. Presence checks and a bare <c>JSON.parse</c> are not validation.
    /// </summary>
    internal sealed class BodyRecognizer
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        // A schema library's call: \.[ \t\r\n]*(parse|safeParse|…|assert)[ \t\r\n]*\( (BodyPatterns.NextMemberCall, in this order).
        private static readonly string[] SchemaCalls = { "parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync", "validateAt", "cast", "assert" };
        /// <summary>
        /// Who may call <c>.assert()</c>/<c>.cast()</c> as a schema: a name saying so (any case) or a capitalised one
        /// (<c>TicketInput.assert</c>); not <c>console.assert</c> or <c>t.cast</c>. Only the words ignore case.
        /// </summary>
        private static readonly Regex SchemaLikeReceiver = new Regex(@"(?i:schema|struct|validator)|^[A-Z]", RegexOptions.CultureInvariant);
        private static readonly Regex NotSchema = new Regex(@"^(JSON|Date|url|URL|path|qs|querystring|cookie|cookies|Papa|yaml|YAML|dayjs|moment|new Date\(\)|Number|BigInt)$", Options);
        private static readonly Regex Valibot = new Regex(@"(?<![\w$.])(parse|safeParse|parseAsync|safeParseAsync)[ \t\r\n]*\(", Options);
        private static readonly Regex Superstruct = new Regex(@"(?<![\w$.])(assert|create|validate|is|mask)[ \t\r\n]*\(", Options);
        private static readonly Regex AjvCompile = new Regex(@"\.[ \t\r\n]*(compile|validate)[ \t\r\n]*\(", Options);
        private static readonly Regex TypeCheck = new Regex(@"\btypeof[ \t\r\n]+\(?[ \t\r\n]*([A-Za-z_$][\w$]*)((?:[ \t\r\n]*\??\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)|\b(?:Array[ \t\r\n]*\.[ \t\r\n]*isArray|Number[ \t\r\n]*\.[ \t\r\n]*is(?:Finite|Integer|SafeInteger))[ \t\r\n]*\([ \t\r\n]*([A-Za-z_$][\w$]*)((?:[ \t\r\n]*\??\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)|([A-Za-z_$][\w$]*)((?:[ \t\r\n]*\??\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)[ \t\r\n]+instanceof\b", Options);
        private static readonly Regex DataCallPattern = new Regex(@"\.[ \t\r\n]*(from|insert|upsert|update|delete|rpc|select)[ \t\r\n]*\(|(?<![\w$.])fetch[ \t\r\n]*\(", Options);
        private static readonly Regex PassThroughPattern = new Regex(@"^[ \t\r\n]*(?:await[ \t\r\n]+)?(?:[A-Za-z_$][\w$.]*[ \t\r\n]*\([ \t\r\n]*)?[A-Za-z_$][\w$]*[ \t\r\n]*\)?[ \t\r\n]*(?:as[ \t\r\n]+[^;]*)?$", Options);
        private static readonly Regex Word = new Regex(@"[A-Za-z_$][\w$]*", Options);
        // A signed webhook's SDK that checks the signature of the raw body and returns it parsed as the sender's typed event:
        // \.[ \t\r\n]*(constructEvent|constructEventAsync|verify)[ \t\r\n]*\( (BodyPatterns.NextMemberCall, in this order).
        private static readonly string[] SignedEvents = { "constructEvent", "constructEventAsync", "verify" };

        private readonly List<KeyValuePair<string, Regex>> validators;

        private readonly RangeCache cache;


        public BodyRecognizer(CodeRecognition recognition, RangeCache cache)
        {
            this.cache = cache;
            validators = recognition.Validators.Where(v => !string.IsNullOrWhiteSpace(v))
                .Select(v => new KeyValuePair<string, Regex>(v.Trim(), HandlerAnalyzer.ListedPattern(v, "repository.validators"))).ToList();
        }

        public void Find(List<HandlerAnalyzer.Reach> reached, string? requestName, HandlerFacts facts)
        {
            // 1. Where the body is read, and into which names.
            BodyNames? bodyNames = null;
            SortedSet<string>? fields = null;
            var ranges = new RangeFacts?[reached.Count];
            var root = reached.Count > 0 ? reached[0].Module : null;
            for (int i = 0; i < reached.Count; i++)
            {
                foreach (var read in FactsOf(ranges, reached, i, root, requestName).Reads)
                {
                    if (facts.BodyReadAt == null) facts.BodyReadAt = read.Key;
                    var decl = read.Value;
                    if (decl == null) continue;
                    if (decl.StartsWith("{", StringComparison.Ordinal)) foreach (var f in DestructuredNames(decl)) (fields ??= NewFields()).Add(f);
                    else (bodyNames ??= new BodyNames(reached)).Add(decl);
                }
            }
            if (facts.BodyReadAt == null) return;
            bodyNames ??= new BodyNames(reached);
            fields ??= NewFields();

            // 2. Names the body passes into (const payload = JSON.parse(raw), const input = validate(body)), then the
            //    fields read from all of them (body.x, const { x } = body), in every range reached.
            for (int round = 0; round < 3 && bodyNames.Count > 0; round++)
            {
                int before = bodyNames.Count;
                for (int i = 0; i < reached.Count; i++)
                {
                    if (!bodyNames.AnyIn(i)) continue;
                    var code = reached[i].Module.Code;
                    foreach (var d in ranges[i]!.Declarations)
                    {
                        // Made of a body name (one of the initializer's identifiers; a name the range does not hold is not
                        // in the initializer, a part of the range, either)...
                        bool fromBody = false;
                        for (int n = 0; n < bodyNames.Count && !fromBody; n++)
                            fromBody = bodyNames.In(i, n) && RecognizerText.HasWord(code, d.InitStart, d.InitEnd, bodyNames[n]);
                        if (!fromBody) continue;
                        // ...but a database call or fetch that uses body fields produces its own result, not the body.
                        if (d.DataCall) continue;
                        if (d.Declared.StartsWith("{", StringComparison.Ordinal))
                        {
                            // const { a, b } = body  /  = validate(body): fields of the body itself.
                            if (d.PassThrough) foreach (var f in DestructuredNames(d.Declared)) fields.Add(f);
                        }
                        else bodyNames.Add(d.Declared);
                    }
                }
                if (bodyNames.Count == before) break;
            }
            for (int i = 0; i < reached.Count; i++)
                for (int n = 0; n < bodyNames.Count; n++)
                    if (bodyNames.In(i, n)) foreach (var f in ranges[i]!.FieldsOf(bodyNames[n])) fields.Add(f);
            facts.FieldsRead = fields.ToList();

            // 3. Schema libraries and listed validators win; else explicit type checks against the fields.
            var checkedFields = new SortedSet<string>(StringComparer.Ordinal);
            string? typeCheckAt = null;
            for (int i = 0; i < reached.Count; i++)
            {
                var r = reached[i];
                if (r.End - r.Start <= 0) continue;
                var found = ranges[i]!.Validation(this);
                if (found.SchemaWhat != null) { Schema(facts, found.SchemaWhat, found.SchemaAt!); return; }
                foreach (var f in found.Checked) checkedFields.Add(f);
                if (typeCheckAt == null) typeCheckAt = found.TypeCheckAt;
            }
            facts.FieldsChecked = checkedFields.ToList();
            if (checkedFields.Count == 0) { facts.Validation = BodyValidation.None; return; }
            var covered = fields.Where(checkedFields.Contains).ToList();
            if (fields.Count == 0 || covered.Count == fields.Count)
            {
                facts.Validation = BodyValidation.TypeChecks;
                facts.ValidationWhat = "type checks of " + string.Join(", ", checkedFields);
                facts.ValidationAt = typeCheckAt;
            }
            else if (covered.Count > 0)
            {
                facts.Validation = BodyValidation.PartialTypeChecks;
                facts.ValidationWhat = "type checks of " + string.Join(", ", covered) + " only";
                facts.ValidationAt = typeCheckAt;
            }
            else facts.Validation = BodyValidation.None;
        }

        /// <summary>
        /// The facts of reached range <paramref name="i"/>, looked up once per call. Ranges of the handler's own file (its
        /// code, its local helpers) are read for this call only: only the file's other handlers could reuse them, and a
        /// cache entry costs more than their scan. A range of another file (a helper shared by many handlers) is kept in
        /// the run's <see cref="RangeCache"/> under one kind for all of its facts, so a handler finds them in one lookup.
        /// </summary>
        private RangeFacts FactsOf(RangeFacts?[] ranges, List<HandlerAnalyzer.Reach> reached, int i, ScriptModule? root, string? requestName)
        {
            var r = reached[i];
            return ranges[i] = !Shared(r, root) ? new RangeFacts(r, requestName, shared: false)
                : cache.Get(r.Module, r.Start, r.End, "body", r, static x => new RangeFacts(x, null, shared: true));
        }

        /// <summary>
        /// What the body analysis learns about one range, each part found on first use: its body reads, its declarations,
        /// the fields it reads of a name, what validates in it. None of them depends on the handler but the reads (the
        /// request's name, asked only at depth 0, in the handler's own file): a shared range's facts hold for the whole
        /// run (a module's text never changes once read; the listed validators are the run's). Uses only the range's
        /// module and bounds (and depth) of the reach it was made for.
        /// </summary>
        private sealed class RangeFacts
        {
            private readonly HandlerAnalyzer.Reach reach;
            private readonly bool shared;
            private List<DeclarationFacts>? declarations;
            private RangeValidation? validation;
            private List<KeyValuePair<string, List<string>>>? fields; // by name, kept for a shared range only

            public RangeFacts(HandlerAnalyzer.Reach reach, string? requestName, bool shared)
            {
                this.reach = reach; this.shared = shared;
                Reads = BodyRecognizer.Reads(reach, requestName);
            }

            public List<KeyValuePair<string, string?>> Reads { get; }
            public List<DeclarationFacts> Declarations => declarations ??= BodyRecognizer.Declarations(reach);

            public RangeValidation Validation(BodyRecognizer recognizer) => validation ??= recognizer.Validation(reach);

            /// <summary>The fields of <paramref name="name"/> the range reads (asked once per name per call: kept only when shared).</summary>
            public List<string> FieldsOf(string name)
            {
                if (!shared) return BodyRecognizer.FieldsOf(reach, name);
                fields ??= new List<KeyValuePair<string, List<string>>>(2);
                foreach (var known in fields) if (string.Equals(known.Key, name, StringComparison.Ordinal)) return known.Value;
                var read = BodyRecognizer.FieldsOf(reach, name);
                fields.Add(new KeyValuePair<string, List<string>>(name, read));
                return read;
            }
        }

        /// <summary>
        /// True for a range of another module than the handler's (<paramref name="root"/>): its facts are kept in the
        /// run's <see cref="RangeCache"/>. The facts do not depend on whether they were cached (<see cref="Reads"/> asks
        /// for the request's name only at depth 0).
        /// </summary>
        internal static bool Shared(HandlerAnalyzer.Reach r, ScriptModule? root) => r.Depth > 0 && !ReferenceEquals(r.Module, root);

        /// <summary>The request body reads of a range, in order: (file:line, the name or pattern it is declared into, or null).</summary>
        private static List<KeyValuePair<string, string?>> Reads(HandlerAnalyzer.Reach r, string? requestName)
        {
            var list = new List<KeyValuePair<string, string?>>();
            var m = r.Module; var code = m.Code;
            // .json() / .formData() / .text(), or the Pages Router's parsed req.body (a property, not a call): BodyPatterns.NextBodyRead.
            for (int at = BodyPatterns.NextBodyRead(code, r.Start, r.End); at >= 0; at = BodyPatterns.NextBodyRead(code, at + 1, r.End))
            {
                var receiver = CodeText.Receiver(code, at, r.Start, out _);
                if (receiver.Length == 0) continue;
                var last = receiver.Substring(receiver.LastIndexOf('.') + 1).Trim();
                bool isRequest = r.Depth == 0 && requestName != null
                    ? RouteHandlerReader.NamesRequest(receiver, requestName) || (receiver.EndsWith(")") && receiver.StartsWith(requestName + ".clone", StringComparison.Ordinal))
                    // "req" in any case, and not a response builder (last is trimmed: an exact comparison).
                    : last.IndexOf("req", StringComparison.OrdinalIgnoreCase) >= 0 && last != "NextResponse" && last != "Response";
                if (!isRequest) continue;
                // const body = await req.json()  /  const { a, b } = await req.json()  /  const input = validate(await req.json())
                list.Add(new KeyValuePair<string, string?>(m.At(at), LastDeclarationBefore(code, r.Start, at)));
            }
            return list;
        }

        /// <summary>
        /// A declaration of a range: what it declares and where its initializer is. Whether the initializer is a data
        /// call or passes the body through is found on first use (most declarations are never asked: their initializer
        /// names no body name) and kept: it depends only on the text.
        /// </summary>
        private sealed class DeclarationFacts
        {
            private readonly string code;
            private sbyte dataCall, passThrough; // 0 not yet known, 1 true, -1 false

            public DeclarationFacts(string code, string declared, int initStart, int initEnd)
            {
                this.code = code; Declared = declared; InitStart = initStart; InitEnd = initEnd;
            }
            public string Declared { get; }
            public int InitStart { get; }
            public int InitEnd { get; }

            // The initializer is matched in place: Match(code, start, length) sees only that range, as on its substring.
            public bool DataCall => Known(ref dataCall, DataCallPattern);
            /// <summary>The initializer hands the value on unchanged (<c>= await validate(body)</c>, <c>= body as T</c>).</summary>
            public bool PassThrough => Known(ref passThrough, PassThroughPattern);

            private bool Known(ref sbyte state, Regex pattern)
            {
                if (state == 0) state = pattern.Match(code, InitStart, InitEnd - InitStart).Success ? (sbyte)1 : (sbyte)-1;
                return state > 0;
            }
        }

        /// <summary>The declarations of a range and where their initializers are (the body's names are followed through them).</summary>
        private static List<DeclarationFacts> Declarations(HandlerAnalyzer.Reach r)
        {
            var list = new List<DeclarationFacts>();
            var code = r.Module.Code;
            for (int from = r.Start; BodyPatterns.NextDeclaration(code, r.Start, from, r.End, out var d); from = d.End)
            {
                int initStart = d.End, initEnd = Math.Min(CodeText.StatementEnd(code, initStart), r.End);
                if (initEnd <= initStart) continue;
                list.Add(new DeclarationFacts(code, code.Substring(d.NameStart, d.NameEnd - d.NameStart), initStart, initEnd));
            }
            return list;
        }

        /// <summary>The fields of <paramref name="name"/> a range reads: <c>name.x</c> and <c>const { x } = name</c>.</summary>
        private static List<string> FieldsOf(HandlerAnalyzer.Reach r, string name)
        {
            var list = new List<string>();
            var code = r.Module.Code; int length = r.End - r.Start;
            // name.x / name?.x
            RecognizerText.MembersOf(code, r.Start, r.End, name, list);
            // const { a, b } = name: only where name follows an '=' (the per-name regex is not compiled: look first).
            if (!RecognizerText.AssignedFrom(code, r.Start, r.End, name)) return list;
            var destructure = RangeCache.Pattern(@"\b(?:const|let|var)[ \t\r\n]+(\{[^{}]{0,500}\})[ \t\r\n]*(?::[^=;]{0,200})?=[ \t\r\n]*" + Regex.Escape(name) + @"(?![\w$])");
            for (var d = destructure.Match(code, r.Start, length); d.Success; d = d.NextMatch())
                list.AddRange(DestructuredNames(d.Groups[1].Value));
            return list;
        }

        private sealed class RangeValidation
        {
            public string? SchemaWhat; public string? SchemaAt;
            public readonly List<string> Checked = new List<string>();
            public string? TypeCheckAt;
        }

        private RangeValidation Validation(HandlerAnalyzer.Reach r)
        {
            var result = new RangeValidation();
            var m = r.Module; var code = m.Code; int length = r.End - r.Start;
            foreach (var pair in validators)
            {
                Match v;
                try { v = pair.Value.Match(code, r.Start, length); }
                catch (RegexMatchTimeoutException) { continue; }
                if (v.Success) { result.SchemaWhat = pair.Key + " (listed under repository.validators)"; result.SchemaAt = m.At(v.Index); return result; }
            }
            for (int s = BodyPatterns.NextMemberCall(code, r.Start, r.End, SchemaCalls, out var call); s >= 0; s = BodyPatterns.NextMemberCall(code, s + 1, r.End, SchemaCalls, out call))
            {
                var receiver = CodeText.Receiver(code, s, r.Start, out _);
                var rootName = receiver.Split('.')[0].Trim();
                if (receiver.Length == 0 || NotSchema.IsMatch(rootName) || NotSchema.IsMatch(receiver)) continue;
                if ((call == "assert" || call == "cast") && !SchemaLikeReceiver.IsMatch(receiver)) continue;
                result.SchemaWhat = receiver + "." + call + "()"; result.SchemaAt = m.At(s);
                return result;
            }
            for (int e = BodyPatterns.NextMemberCall(code, r.Start, r.End, SignedEvents, out var call); e >= 0; e = BodyPatterns.NextMemberCall(code, e + 1, r.End, SignedEvents, out call))
            {
                bool stripe = call != "verify";
                var sdk = stripe ? "webhooks." + call + "()" : GuardRecognizer.WebhookVerifier(m, code, e, r.Start);
                if (sdk == null) continue;
                result.SchemaWhat = sdk + " (the signed payload verified by the sender's SDK)";
                result.SchemaAt = m.At(e);
                return result;
            }
            Match? lib = null; string? name = null;
            if (m.ImportsPackage("valibot")) { lib = Valibot.Match(code, r.Start, length); name = "valibot"; }
            if ((lib == null || !lib.Success) && m.ImportsPackage("superstruct")) { lib = Superstruct.Match(code, r.Start, length); name = "superstruct"; }
            if ((lib == null || !lib.Success) && (m.ImportsPackage("ajv") || m.ImportsPackage("ajv/dist/2020"))) { lib = AjvCompile.Match(code, r.Start, length); name = "ajv"; }
            if (lib != null && lib.Success) { result.SchemaWhat = name + " " + lib.Groups[1].Value + "()"; result.SchemaAt = m.At(lib.Index); return result; }
            if (code.IndexOf("typeof", r.Start, length, StringComparison.Ordinal) < 0 && code.IndexOf("Array", r.Start, length, StringComparison.Ordinal) < 0
                && code.IndexOf("Number", r.Start, length, StringComparison.Ordinal) < 0 && code.IndexOf("instanceof", r.Start, length, StringComparison.Ordinal) < 0) return result;
            for (var t = TypeCheck.Match(code, r.Start, length); t.Success; t = t.NextMatch())
            {
                var root = t.Groups[1].Success ? t.Groups[1] : t.Groups[3].Success ? t.Groups[3] : t.Groups[5];
                var path = t.Groups[1].Success ? t.Groups[2] : t.Groups[3].Success ? t.Groups[4] : t.Groups[6];
                var names = Word.Matches(path.Value).Cast<Match>().Select(w => w.Value).ToList();
                result.Checked.Add(names.Count > 0 ? names[names.Count - 1] : root.Value);
                if (result.TypeCheckAt == null) result.TypeCheckAt = m.At(t.Index);
            }
            return result;
        }

        private static void Schema(HandlerFacts facts, string what, string at)
        {
            facts.Validation = BodyValidation.Schema; facts.ValidationWhat = what; facts.ValidationAt = at;
        }

        private static SortedSet<string> NewFields() => new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// The names the body passes into, in the order found, and whether each reached range's text holds each of them
        /// (an ordinal substring search: a range that holds none of them is not read for them). The rounds and then the
        /// fields ask the same (range, name) pairs again: each answer is kept for this call, by range and name index.
        /// </summary>
        private sealed class BodyNames
        {
            private readonly List<HandlerAnalyzer.Reach> reached;
            private readonly List<string> names = new List<string>();
            private readonly HashSet<string> set = new HashSet<string>(StringComparer.Ordinal);
            private readonly List<sbyte[]> held = new List<sbyte[]>(); // by name, then by range: 0 not asked yet, 1 held, -1 not

            public BodyNames(List<HandlerAnalyzer.Reach> reached) { this.reached = reached; }

            public int Count => names.Count;
            public string this[int name] => names[name];

            public void Add(string name)
            {
                if (!set.Add(name)) return;
                names.Add(name);
                held.Add(new sbyte[reached.Count]);
            }

            /// <summary>True when the text of range <paramref name="range"/> (non-empty) holds name <paramref name="name"/>.</summary>
            public bool In(int range, int name)
            {
                var known = held[name];
                if (known[range] == 0)
                {
                    var r = reached[range]; int length = r.End - r.Start;
                    known[range] = length > 0 && r.Module.Code.IndexOf(names[name], r.Start, length, StringComparison.Ordinal) >= 0 ? (sbyte)1 : (sbyte)-1;
                }
                return known[range] > 0;
            }

            public bool AnyIn(int range)
            {
                for (int n = 0; n < names.Count; n++) if (In(range, n)) return true;
                return false;
            }
        }

        /// <summary>The declared name (or destructuring pattern) of the statement holding <paramref name="at"/>, or null.</summary>
        private static string? LastDeclarationBefore(string code, int floor, int at)
        {
            int from = Math.Max(floor, at - 600);
            // The window's declarations, then its assignments, each in text order (so their ends increase), taken as one
            // list sorted stably by where they end: the last candidate in that order whose statement holds the read wins.
            // Walked from the end, that is the first one found; at an equal end the assignment comes after the declaration.
            // (The window is the whole input of both scans, as it was of the regexes they replaced.)
            var declarations = Candidates(code, from, at, BodyPatterns.NextDeclaration);
            var assignments = Candidates(code, from, at, BodyPatterns.NextAssignment);
            int i = declarations.Count - 1, j = assignments.Count - 1;
            while (i >= 0 || j >= 0)
            {
                BodyPatterns.Found d;
                if (j >= 0 && (i < 0 || assignments[j].End >= declarations[i].End)) d = assignments[j--];
                else d = declarations[i--];
                if (SameStatement(code, d.End, at)) return code.Substring(d.NameStart, d.NameEnd - d.NameStart);
            }
            return null;
        }

        private delegate bool NextCandidate(string code, int start, int from, int end, out BodyPatterns.Found found);

        private static List<BodyPatterns.Found> Candidates(string code, int from, int at, NextCandidate next)
        {
            var list = new List<BodyPatterns.Found>();
            for (int k = from; next(code, from, k, at, out var d); k = d.End) list.Add(d);
            return list;
        }

        /// <summary>The read at <paramref name="at"/> belongs to the declaration ending at <paramref name="end"/> when no statement ends between them.</summary>
        private static bool SameStatement(string code, int end, int at)
        {
            int depth = 0;
            for (int k = end; k < at; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (c == ';' && depth <= 0) return false;
            }
            return depth >= 0;
        }

        private static IEnumerable<string> DestructuredNames(string pattern)
        {
            var inner = pattern.Trim().TrimStart('{').TrimEnd('}');
            foreach (var part in inner.Split(','))
            {
                var w = Word.Match(part);
                if (w.Success && !part.TrimStart().StartsWith("...", StringComparison.Ordinal)) yield return w.Value;
            }
        }
    }
}
