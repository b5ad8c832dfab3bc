using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The SPEC §8 guard kinds, recognised in the code ranges a handler reaches: session (Supabase auth.getUser /
    /// getSession / getClaims, NextAuth auth() / getServerSession, Clerk auth() / currentUser), role (requireRole,
    /// requireAdmin), cron (the Authorization / bearer header compared with a cron secret env var), signature (HMAC +
    /// comparison, timingSafeEqual, Stripe constructEvent, Svix verify, clientState or a webhook secret compared),
    /// state (an OAuth callback's state parameter compared with a stored value), and the plan's listed names.
    /// Patterns run on blanked code (no comments, no literal contents), so a commented-out guard is not a guard.
    /// </summary>
    internal sealed partial class GuardRecognizer
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        private static readonly Regex SupabaseAuth = new Regex(@"\.[ \t\r\n]*auth[ \t\r\n]*\.[ \t\r\n]*(getUser|getSession|getClaims)[ \t\r\n]*\(", Options);
        private static readonly Regex SessionCall = new Regex(@"(?<![\w$.])(getServerSession|currentUser|requireAuth|requireUser|requireSession|getAuth)[ \t\r\n]*\(", Options);
        private static readonly Regex AuthCall = new Regex(@"(?<![\w$.])auth[ \t\r\n]*\([ \t\r\n]*\)", Options);
        private static readonly Regex RoleCall = new Regex(@"(?<![\w$.])(requireRole|requireRoles|requireAdmin)[ \t\r\n]*\(", Options);
        private static readonly Regex Comparison = new Regex(@"[!=]==?|timingSafeEqual[ \t\r\n]*\(", Options);
        private static readonly Regex EnvDot = new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)", Options);
        private static readonly Regex TypedEnvRead = new Regex(@"(?<![\w$.])([A-Za-z_$]*[eE]nv)[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Z][A-Z0-9_]*)(?![\w$])", Options);
        private static readonly Regex EnvBracket = new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*\[[ \t\r\n]*(?=['""`])", Options);
        private static readonly Regex Word = new Regex(@"(?<![\w$.])[A-Za-z_$][\w$]*", Options);
        private static readonly Regex AuthHeader = new Regex(@"authorization|bearer|x-cron|cron-secret", Options | RegexOptions.IgnoreCase);
        private static readonly Regex HeaderRead = new Regex(@"headers|authorization|x-[a-z-]+", Options | RegexOptions.IgnoreCase);
        private static readonly Regex Hmac = new Regex(@"(?<![\w$])createHmac[ \t\r\n]*\(", Options);
        // Web Crypto (edge runtime): subtle.verify checks a MAC itself; subtle.sign computes one that must then be compared.
        private static readonly Regex SubtleVerify = new Regex(@"\bsubtle[ \t\r\n]*\.[ \t\r\n]*verify[ \t\r\n]*\(", Options);
        private static readonly Regex SubtleSign = new Regex(@"\bsubtle[ \t\r\n]*\.[ \t\r\n]*sign[ \t\r\n]*\(", Options);
        // A role read from the user's profile or claims compared with a literal: profile?.role !== 'admin', userRole != "owner".
        private static readonly Regex RoleCompare = new Regex(@"(?<![\w$])[\w$]*[rR]ole[ \t\r\n]*!==?[ \t\r\n]*(?=['""])", Options);
        // Role helpers named for their role: requireAdminApi(, withAdminAuth(, ensureOwner(; is/has/check forms only as a rejecting condition.
        internal static readonly string[] HelperVerbs = { "require", "ensure", "assert", "with", "is", "has", "check" };
        internal static readonly string[] HelperRoles = { "Admin", "Owner", "Staff", "SuperAdmin", "Superuser" };
        private static readonly Regex NamedRoleHelper = new Regex(@"(?<![\w$.])(" + string.Join("|", HelperVerbs) + ")(" + string.Join("|", HelperRoles) + @")([\w$]*)[ \t\r\n]*\(", Options);
        private static readonly Regex UserMetadata = new Regex(@"user_metadata[ \t\r\n]*\??\.[ \t\r\n]*$", Options);
        // !['admin', 'owner'].includes(profile.role)
        private static readonly Regex RoleIncludes = new Regex(@"!\s*\[([^\[\]]{0,200})\][ \t\r\n]*\.[ \t\r\n]*includes[ \t\r\n]*\([ \t\r\n]*[\w$.?]*[rR]ole[ \t\r\n]*\)", Options);
        private static readonly Regex TimingSafe = new Regex(@"(?<![\w$])timingSafeEqual[ \t\r\n]*\(", Options);
        private static readonly Regex ConstructEvent = new Regex(@"\.[ \t\r\n]*(constructEvent|constructEventAsync)[ \t\r\n]*\(", Options);
        private static readonly Regex Verify = new Regex(@"\.[ \t\r\n]*verify[ \t\r\n]*\(", Options);
        private static readonly Regex JwtVerify = new Regex(@"(?<![\w$.])jwtVerify[ \t\r\n]*\(|(?<![\w$])jwt[ \t\r\n]*\.[ \t\r\n]*verify[ \t\r\n]*\(", Options);
        private static readonly Regex ClientState = new Regex(@"clientState[\w$.?\]]*[ \t\r\n]*[!=]==?|[!=]==?[ \t\r\n]*[\w$.?]*clientState", Options | RegexOptions.IgnoreCase);
        private static readonly Regex StateRead = new Regex(@"\.get[ \t\r\n]*\([ \t\r\n]*['""]state['""]|\b(?:searchParams|query)[ \t\r\n]*\??\.[ \t\r\n]*state\b|\{[^}]{0,200}\bstate\b[^}]{0,200}\}[ \t\r\n]*=[^;]{0,200}(?:searchParams|query)", Options);
        private static readonly Regex StateCompare = new Regex(@"\b[\w$]*[sS]tate[\w$]*[ \t\r\n]*(?:\??\.[\w$]+[ \t\r\n]*)*[!=]==?|[!=]==?[ \t\r\n]*[\w$.?]*[sS]tate\b|\.eq[ \t\r\n]*\([ \t\r\n]*['""][\w]*state['""]", Options);

        private readonly List<KeyValuePair<string, Regex>> listed = new List<KeyValuePair<string, Regex>>();
        private readonly HashSet<string> cronSecrets;

        private readonly RangeCache cache;
        private readonly Func<HandlerAnalyzer.Reach, RangeGuards> scanOf;

        public GuardRecognizer(CodeRecognition recognition, RangeCache cache)
        {
            this.cache = cache;
            scanOf = Scan;
            foreach (var pair in recognition.Guards)
                foreach (var name in pair.Value ?? new List<string>())
                    if (!string.IsNullOrWhiteSpace(name))
                        listed.Add(new KeyValuePair<string, Regex>(pair.Key.Trim().ToLowerInvariant(), HandlerAnalyzer.ListedPattern(name, "repository.guards." + pair.Key)));
            cronSecrets = new HashSet<string>(recognition.CronSecrets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()), StringComparer.Ordinal);
        }

        /// <summary>
        /// The repository function a name of a module stands for (set by <see cref="HandlerAnalyzer"/> from the
        /// <see cref="ModuleGraph"/>): a helper named for a role whose code is in the repository counts for what its code
        /// does, not for its name. Null: every named helper counts by its name.
        /// </summary>
        internal Func<ScriptModule, string, ScriptFunction?>? Resolve { get; set; }

        private bool IsCronSecret(string env) => cronSecrets.Count > 0 ? cronSecrets.Contains(env) : env.IndexOf("CRON", StringComparison.OrdinalIgnoreCase) >= 0;

        private sealed class RawGuard
        {
            public string Kind = ""; public string What = ""; public int Offset; public string? Role; public bool FailOpen;
        }

        private sealed class RangeGuards
        {
            private static readonly List<RawGuard> NoFacts = new List<RawGuard>();
            private List<RawGuard>? facts;
            /// <summary>The checks found, in the order the recognisers found them (one shared empty list when none: never added to).</summary>
            public List<RawGuard> Facts => facts ?? NoFacts;
            public bool StateRead;
            public int StateCompare = -1;

            public void Add(string kind, string what, int offset, string? role = null, bool failOpen = false)
                => (facts ??= new List<RawGuard>()).Add(new RawGuard { Kind = kind, What = what, Offset = offset, Role = role, FailOpen = failOpen });
        }

        public IReadOnlyList<GuardFact> Find(List<HandlerAnalyzer.Reach> reached, ScriptModule root, Func<int, int> rootStartOf)
        {
            var found = new List<GuardFact>();
            bool stateRead = false;
            HandlerAnalyzer.Reach? stateAt = null; int stateOffset = 0;
            foreach (var r in reached)
            {
                if (r.End - r.Start <= 0) continue;
                var m = r.Module;
                // A shared helper's checks are the same for every handler that reaches it: scanned once per run (the
                // ranges of the handler's own file are scanned here: see BodyRecognizer.Shared).
                var raw = !BodyRecognizer.Shared(r, root) ? Scan(r) : cache.Get(m, r.Start, r.End, "guards", r, scanOf);
                foreach (var g in raw.Facts)
                {
                    var fact = new GuardFact(g.Kind, g.What, m.Relative, m.Source.LineOf(g.Offset), g.Role);
                    int position = r.Depth == 0 ? g.Offset : r.Root;
                    fact.Conditional = position >= 0 && HandlerAnalyzer.IsConditional(root.Code, rootStartOf(position), position);
                    fact.FailOpen = g.FailOpen;
                    found.Add(fact);
                }
                stateRead |= raw.StateRead;
                if (stateAt == null && raw.StateCompare >= 0) { stateAt = r; stateOffset = raw.StateCompare; }
            }
            if (stateRead && stateAt != null)
            {
                var m = stateAt.Module;
                var fact = new GuardFact("state", "the OAuth state parameter compared with a stored value", m.Relative, m.Source.LineOf(stateOffset));
                int position = stateAt.Depth == 0 ? stateOffset : stateAt.Root;
                fact.Conditional = position >= 0 && HandlerAnalyzer.IsConditional(root.Code, rootStartOf(position), position);
                found.Add(fact);
            }
            return found;
        }

        private RangeGuards Scan(HandlerAnalyzer.Reach r)
        {
            var result = new RangeGuards();
            var m = r.Module; var code = m.Code; int start = r.Start, length = r.End - r.Start;
            // Which patterns can match here at all (one pass over the range's identifiers; see GuardWords).
            var words = GuardWords.Of(code, start, r.End);
            for (var x = MatchIf(words, GuardWord.Auth, SupabaseAuth, code, start, length); x.Success; x = x.NextMatch())
                result.Add("session", "supabase.auth." + x.Groups[1].Value + "()", x.Index);
            for (var x = MatchIf(words, GuardWord.SessionName, SessionCall, code, start, length); x.Success; x = x.NextMatch())
                result.Add("session", x.Groups[1].Value + "()", x.Index);
            for (var x = MatchIf(words, GuardWord.Auth, AuthCall, code, start, length); x.Success; x = x.NextMatch())
                if (m.TryImport("auth", out _) || m.Function("auth") == null)
                    result.Add("session", "auth()", x.Index);
            for (var x = MatchIf(words, GuardWord.RoleCallName, RoleCall, code, start, length); x.Success; x = x.NextMatch())
            {
                string? role = x.Groups[1].Value == "requireAdmin" ? "admin" : null;
                int open = x.Index + x.Length - 1;
                int arg = CodeText.SkipSpace(code, open + 1);
                if (role == null && m.Source.TryReadLiteral(arg, out var literal, out _)) role = literal;
                else if (role == null && arg < code.Length && code[arg] == '[')
                {
                    // requireRole(['admin', 'owner']): every listed role is allowed.
                    int close = CodeText.MatchClose(code, arg);
                    var roles = new List<string>();
                    for (int q = arg + 1; close > 0 && q < close; q++)
                        if (m.Source.TryReadLiteral(q, out var one, out var after)) { roles.Add(one); q = after - 1; }
                    if (roles.Count > 0) role = string.Join("|", roles);
                }
                result.Add("role", x.Groups[1].Value + "(" + (role != null && x.Groups[1].Value != "requireAdmin" ? "'" + role + "'" : "") + ")", x.Index, role);
            }
            InlineRole(r, words, result, Resolve);
            if ((words & (GuardWord.Data | GuardWord.Await)) == (GuardWord.Data | GuardWord.Await)) Membership(r, result);
            foreach (var pair in listed)
            {
                Match x;
                try { x = pair.Value.Match(code, start, length); }
                catch (RegexMatchTimeoutException) { continue; }
                if (x.Success) result.Add(pair.Key, x.Value.TrimEnd('(', ' ') + " (listed under repository.guards." + pair.Key + ")", x.Index);
            }
            SharedSecret(r, words, result);
            Signature(r, words, result);
            var raw = m.Source.Raw;
            if (raw.IndexOf("state", start, length, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                result.StateRead = StateRead.Match(raw, start, length).Success;
                var sc = StateCompare.Match(raw, start, length);
                while (sc.Success && m.Source.InComment(sc.Index)) sc = sc.NextMatch();
                if (sc.Success) result.StateCompare = sc.Index;
            }
            return result;
        }

        /// <summary>A header compared with a secret env var: cron when the var is a cron secret and the header the Authorization/bearer one; else a shared-secret signature.</summary>
        private void SharedSecret(HandlerAnalyzer.Reach r, GuardWord words, RangeGuards result)
        {
            var m = r.Module; var code = m.Code; var raw = m.Source.Raw; int start = r.Start, length = r.End - r.Start;
            // The secret env vars the range reads, directly or through a module constant.
            var reads = new List<KeyValuePair<string, int>>();
            // EnvDot, EnvBracket and TypedEnvRead all read a run ending with env / Env.
            bool envRun = (words & GuardWord.EnvEnd) != 0;
            for (var x = envRun ? EnvDot.Match(code, start, length) : Match.Empty; x.Success; x = x.NextMatch()) reads.Add(new KeyValuePair<string, int>(x.Groups[1].Value, x.Index));
            for (var x = envRun ? EnvBracket.Match(code, start, length) : Match.Empty; x.Success; x = x.NextMatch())
                if (m.Source.TryReadLiteral(x.Index + x.Length, out var name, out _)) reads.Add(new KeyValuePair<string, int>(name, x.Index));
            // env.CRON_SECRET through a typed env module (t3-env, a zod-parsed process.env) imported as env / serverEnv.
            bool typed = reads.Count == 0;
            if (typed && envRun)
                for (var x = TypedEnvRead.Match(code, start, length); x.Success; x = x.NextMatch())
                    if (m.TryImport(x.Groups[1].Value, out _)) reads.Add(new KeyValuePair<string, int>(x.Groups[2].Value, x.Index));
            typed &= reads.Count > 0;
            if (m.HasEnvConstants && (code.IndexOf("process", start, length, StringComparison.Ordinal) < 0 || reads.Count == 0))
                for (var x = Word.Match(code, start, length); x.Success; x = x.NextMatch())
                    if (m.TryEnvConstant(x.Value, out var env)) reads.Add(new KeyValuePair<string, int>(env, x.Index));
            if (reads.Count == 0) return;
            var comparison = Comparison.Match(code, start, length);
            if (!comparison.Success) return;
            var rawSpan = raw.Substring(start, length);
            bool bearer = AuthHeader.IsMatch(rawSpan);
            bool header = HeaderRead.IsMatch(rawSpan);
            foreach (var read in reads)
            {
                bool cron = IsCronSecret(read.Key);
                bool secretLike = cron || Regex.IsMatch(read.Key, "SECRET|TOKEN|KEY|PASSWORD", RegexOptions.IgnoreCase);
                if (!secretLike || !header) continue;
                // The comparison that decides: the first one after the secret or header is read.
                var decide = Comparison.Match(code, Math.Min(read.Key.Length + read.Value, r.End), Math.Max(0, r.End - Math.Min(read.Key.Length + read.Value, r.End)));
                if (!decide.Success) decide = comparison;
                bool failOpen = FailOpen(code, start, decide.Index);
                if (cron && bearer) result.Add("cron", "the bearer token compared with " + (typed ? "env." : "process.env.") + read.Key, decide.Index, null, failOpen);
                else result.Add("signature", "a request header compared with " + (typed ? "env." : "process.env.") + read.Key, decide.Index, null, failOpen);
                return;
            }
        }

        /// <summary>
        /// A role check written out in the handler or a helper: a role value (a profiles-table lookup, the session's
        /// claims) compared with a literal in an <c>if</c> condition that rejects the request (<c>role !== 'admin'</c>,
        /// <c>!['admin', 'owner'].includes(role)</c>). A comparison that only computes a flag is not a guard, nor is a role
        /// read from <c>user_metadata</c> (the user can set it himself). A helper named for its role (<c>requireAdminApi(</c>,
        /// <c>withAdminAuth(</c>; <c>isAdmin(</c> only inside a rejecting <c>if</c>) is a guard for that role.
        /// </summary>
        private static void InlineRole(HandlerAnalyzer.Reach r, GuardWord words, RangeGuards result, Func<ScriptModule, string, ScriptFunction?>? resolve)
        {
            var m = r.Module; var code = m.Code; int start = r.Start, length = r.End - r.Start;
            // NamedRoleHelper matches a run that starts with one of its verbs and one of its roles.
            for (var x = MatchIf(words, GuardWord.RoleHelper, NamedRoleHelper, code, start, length); x.Success; x = x.NextMatch())
            {
                var verb = x.Groups[1].Value;
                if (verb == "require" && x.Groups[3].Value.Length == 0 && x.Groups[2].Value == "Admin") continue; // requireAdmin( is RoleCall's
                bool check = verb == "is" || verb == "has" || verb == "check";
                if (check && HandlerAnalyzer.EnclosingIfCondition(code, start, x.Index).Key < 0) continue;
                var name = verb + x.Groups[2].Value + x.Groups[3].Value;
                // A helper whose code is in the repository counts for what it does: a requireX / withX / ensureX is followed
                // by the analysis (its own rejecting checks are found there; withAdminLogging that checks nothing is no guard);
                // an isX / hasX in a rejecting if counts when its code looks a role up (the caller rejects on its answer).
                var helper = resolve?.Invoke(m, name);
                if (helper != null && (!check || !LooksUpRole(helper))) continue;
                // The role is the last role word of the name: ensureStaffAdmin asks for admin.
                var roleWords = Regex.Matches(x.Groups[2].Value + x.Groups[3].Value, "SuperAdmin|Superuser|Admin|Owner|Staff");
                result.Add("role", name + "()", x.Index, roleWords[roleWords.Count - 1].Value.ToLowerInvariant(), false);
            }
            // RoleCompare and RoleIncludes both compare a run ending with role / Role.
            if ((words & GuardWord.RoleEnd) == 0) return;
            // RoleCompare starts anywhere in a word ([\w$]*): run it only where some [rR]ole is followed by != (console.log is not).
            for (var x = RoleComparedIn(code, start, r.End) ? RoleCompare.Match(code, start, length) : Match.Empty; x.Success; x = x.NextMatch())
            {
                if (HandlerAnalyzer.EnclosingIfCondition(code, start, x.Index).Key < 0) continue;
                // Supabase's user_metadata is writable by the user himself: a role kept there proves nothing.
                int from = Math.Max(start, x.Index - 40);
                if (UserMetadata.IsMatch(code.Substring(from, x.Index - from))) continue;
                if (!m.Source.TryReadLiteral(x.Index + x.Length, out var role, out _) || role.Length == 0) continue;
                result.Add("role", code.Substring(x.Index, x.Length).Trim() + " '" + role + "'", x.Index, role, false);
            }
            for (var x = MatchIf(words, GuardWord.Includes, RoleIncludes, code, start, length); x.Success; x = x.NextMatch())
            {
                if (HandlerAnalyzer.EnclosingIfCondition(code, start, x.Index).Key < 0 || x.Value.Contains("user_metadata")) continue;
                var roles = new List<string>();
                int open = x.Groups[1].Index, close = open + x.Groups[1].Length;
                for (int q = open; q < close; q++)
                    if (m.Source.TryReadLiteral(q, out var one, out var after)) { roles.Add(one); q = after - 1; }
                if (roles.Count > 0) result.Add("role", "a role in [" + string.Join(", ", roles.Select(o => "'" + o + "'")) + "]", x.Index, string.Join("|", roles), false);
            }
        }

        /// <summary>True when <c>[rR]ole[ \t\r\n]*!=</c> occurs in <c>code[start..end)</c>: what every <see cref="RoleCompare"/> match contains.</summary>
        private static bool RoleComparedIn(string code, int start, int end)
        {
            for (int k = code.IndexOf("ole", start, end - start, StringComparison.Ordinal); k >= 0;
                 k = k + 4 <= end ? code.IndexOf("ole", k + 1, end - k - 1, StringComparison.Ordinal) : -1)
            {
                if (k == start || (code[k - 1] != 'r' && code[k - 1] != 'R')) continue;
                int p = k + 3;
                while (p < end && (code[p] == ' ' || code[p] == '\t' || code[p] == '\r' || code[p] == '\n')) p++;
                if (p + 1 < end && code[p] == '!' && code[p + 1] == '=') return true;
            }
            return false;
        }

        // const { data: admin } = await supabase.from('admins')…  /  const { data: isAdmin, error } = await supabase.rpc('is_admin')
        private const string DataLookupPattern = @"\{([^{}]{0,200})\}[ \t\r\n]*=[ \t\r\n]*await[ \t\r\n]+[^;{}]{0,200}?\.[ \t\r\n]*(from|rpc)[ \t\r\n]*\([ \t\r\n]*(?=['""`])";
        private static readonly Regex DataLookup = new Regex(DataLookupPattern, Options);
        // DataLookup at one position (\G: where the match is asked to start).
        private static readonly Regex DataLookupAt = new Regex(@"\G" + DataLookupPattern, Options);

        /// <summary>
        /// The next match of <see cref="DataLookup"/> in <c>code[start..end)</c> from <paramref name="from"/>, or null: the same
        /// matches as its scan of the range, found from the <c>await</c>s instead of tried at every <c>{</c>. A match holds one
        /// <c>{</c> (its start) and one <c>}</c>, so matches never hold another's start, and each is <c>{ … } = await</c> with
        /// no brace inside the <c>{ … }</c>: its start is the brace before the <c>}</c> before the <c>=</c> before an await.
        /// </summary>
        internal static Match? NextDataLookup(string code, int from, int start, int end)
        {
            for (int a = from; a < end; a++)
            {
                a = code.IndexOf("await", a, end - a, StringComparison.Ordinal);
                if (a < 0) return null;
                int q = a - 1;
                while (q >= start && CodeText.IsSpaceOrNewline(code[q])) q--;
                if (q < start || code[q] != '=') continue;
                q--;
                while (q >= start && CodeText.IsSpaceOrNewline(code[q])) q--;
                if (q < start || code[q] != '}') continue;
                int p = q - 1;
                while (p >= start && p >= q - 201 && code[p] != '{' && code[p] != '}') p--;
                if (p < start || p < q - 201 || code[p] != '{' || p < from) continue;
                var x = DataLookupAt.Match(code, p, end - p);
                if (x.Success) return x;
            }
            return null;
        }
        private static readonly Regex DataName = new Regex(@"(?:^|,)[ \t\r\n]*data[ \t\r\n]*(?::[ \t\r\n]*([A-Za-z_$][\w$]*))?[ \t\r\n]*(?:,|$)", Options);
        private static readonly Regex MembershipTable = new Regex(@"(?:^|[_.])(super_?admins?|admins?|administrators|owners?|members?|memberships?|staff)$", Options | RegexOptions.IgnoreCase);
        private static readonly Regex RoleFunction = new Regex(@"^(?:is|has|check)_(?:[a-z0-9]+_)*?(super_?admin|admin|owner|member|staff)(?:_role)?$", Options | RegexOptions.IgnoreCase);
        private static readonly Regex RoleWord = new Regex(@"(?<![\w$])[\w$]*[rR]ole[sS]?(?![\w$])", Options);

        /// <summary>The role a membership table or a role function names (<c>beta_admins</c> → admin, <c>is_org_owner</c> → owner), or null.</summary>
        private static string? RoleOf(string op, string name)
        {
            var x = op == "from" ? MembershipTable.Match(name) : RoleFunction.Match(name);
            if (!x.Success) return null;
            var word = x.Groups[1].Value.ToLowerInvariant().Replace("_", "");
            if (word.StartsWith("superadmin", StringComparison.Ordinal)) return "superadmin";
            if (word.StartsWith("admin", StringComparison.Ordinal)) return "admin";
            if (word.StartsWith("owner", StringComparison.Ordinal)) return "owner";
            if (word.StartsWith("member", StringComparison.Ordinal)) return "member";
            return "staff";
        }

        /// <summary>
        /// A role membership checked in the code (SPEC §8 generalisation): a lookup in a membership table
        /// (<c>const { data: admin } = await supabase.from('admins')….maybeSingle()</c>) or a role function
        /// (<c>const { data: isAdmin } = await supabase.rpc('is_admin')</c>) whose missing answer rejects the request
        /// (<c>if (!admin) return …</c> / <c>throw</c>). A lookup whose answer is only returned or logged is not a guard.
        /// </summary>
        /// <remarks>
        /// Run only on a range with the runs <c>data</c> and <c>await</c>: a lookup is <c>= await</c>, and only one that
        /// destructures <c>data</c> adds a guard (DataName).
        /// </remarks>
        private static void Membership(HandlerAnalyzer.Reach r, RangeGuards result)
        {
            var m = r.Module; var code = m.Code; int start = r.Start, length = r.End - r.Start;
            for (var x = NextDataLookup(code, start, start, r.End); x != null; x = NextDataLookup(code, x.Index + x.Length, start, r.End))
            {
                var data = DataName.Match(x.Groups[1].Value);
                if (!data.Success || !m.Source.TryReadLiteral(x.Index + x.Length, out var name, out _)) continue;
                var role = RoleOf(x.Groups[2].Value, name);
                // A lookup that names no role is a guard only through a role flag of its row (below): an rpc never, a table only
                // where a flag's role word follows (RoleFlagWords); otherwise the rejecting if is not looked for.
                if (role == null && (x.Groups[2].Value != "from" || !MentionsRoleFlag(code, x.Index + x.Length, r.End))) continue;
                var local = data.Groups[1].Success ? data.Groups[1].Value : "data";
                int reject = RejectsWithout(code, x.Index + x.Length, r.End, local, out var condition);
                // if (!m || !['owner', 'admin'].includes(m.role)): the role compared is the guard (InlineRole), not the membership.
                if (reject < 0 || RoleWord.IsMatch(condition)) continue;
                string what;
                if (role != null) what = x.Groups[2].Value == "from" ? "a membership in " + name + " (its missing row rejects)" : "rpc('" + name + "') (a false answer rejects)";
                else
                {
                    // A role flag of the row looked up: if (!data?.is_admin) throw … (any table).
                    var flag = x.Groups[2].Value == "from" ? new Regex(@"(?<![\w$.])" + Regex.Escape(local) + @"[ \t\r\n]*\??\.[ \t\r\n]*(?:is_?|has_?)(super_?admin|admin|owner|staff)(?![\w$])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase).Match(condition) : Match.Empty;
                    if (!flag.Success) continue;
                    role = flag.Groups[1].Value.ToLowerInvariant().Replace("_", "");
                    what = "the " + flag.Value.Substring(flag.Value.LastIndexOf('.') + 1).Trim() + " flag of a row of " + name + " (a false flag rejects)";
                }
                result.Add("role", what, x.Index, role, false);
            }
        }

        // The role words of a row's flag (if (!data?.is_admin) …; super_admin holds admin): the flag's regex ignores case, and
        // every character it takes for one of their letters is that letter under OrdinalIgnoreCase too (GuardRecognizerTests).
        internal static readonly string[] RoleFlagWords = { "admin", "owner", "staff" };

        private static bool MentionsRoleFlag(string code, int from, int end)
        {
            foreach (var word in RoleFlagWords)
                if (code.IndexOf(word, from, end - from, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }

        private static readonly Regex IfTest = new Regex(@"(?<![\w$])if[ \t\r\n]*\(", Options);
        /// <summary>What a rejecting branch starts with (matched at its first word only).</summary>
        private static readonly Regex Rejects = new Regex(@"^(?:return|throw|redirect[ \t\r\n]*\(|notFound[ \t\r\n]*\(|res[ \t\r\n]*\.[ \t\r\n]*status)", Options);

        /// <summary>The offset of <c>if (!name) return|throw …</c> (also <c>if (error || !name)</c>, <c>name == null</c>) after <paramref name="from"/>, or -1.</summary>
        private static int RejectsWithout(string code, int from, int end, string name, out string condition)
        {
            condition = "";
            // Built once per name for the process (RangeCache.Pattern), not once per lookup.
            var escaped = Regex.Escape(name);
            var missing = RangeCache.Pattern(@"(?:!(?![=])[ \t\r\n]*" + escaped + @"(?![\w$])|(?<![\w$.])" + escaped + @"[ \t\r\n]*(?:===?[ \t\r\n]*(?:null|undefined|false)|!==?[ \t\r\n]*true))");
            for (var x = IfTest.Match(code, from, end - from); x.Success; x = x.NextMatch())
            {
                int open = x.Index + x.Length - 1;
                int close = CodeText.MatchClose(code, open);
                if (close < 0 || close >= end) continue;
                condition = code.Substring(open + 1, close - open - 1);
                if (!missing.IsMatch(condition) || condition.IndexOf("&&", StringComparison.Ordinal) >= 0) continue;
                int body = CodeText.SkipSpace(code, close + 1);
                if (body < end && code[body] == '{') body = CodeText.SkipSpace(code, body + 1);
                if (body < end && Rejects.Match(code, body, Math.Min(80, end - body)).Success)
                    return x.Index;
            }
            return -1;
        }

        /// <summary>True when a helper's own code looks a role up: a membership table or role function, requireRole, or a role read.</summary>
        private static bool LooksUpRole(ScriptFunction helper)
        {
            var m = helper.Module; var code = m.Code; int start = helper.Start, length = Math.Max(0, helper.End - helper.Start);
            if (RoleCall.Match(code, start, length).Success || RoleWord.Match(code, start, length).Success) return true;
            for (var x = DataLookup.Match(code, start, length); x.Success; x = x.NextMatch())
                if (m.Source.TryReadLiteral(x.Index + x.Length, out var name, out _) && RoleOf(x.Groups[2].Value, name) != null) return true;
            return false;
        }

        /// <summary>The first match of <paramref name="pattern"/> in the range, or no match without a regex run when the range lacks <paramref name="needed"/> (a word every match contains).</summary>
        private static Match MatchIf(GuardWord words, GuardWord needed, Regex pattern, string code, int start, int length)
            => (words & needed) != 0 ? pattern.Match(code, start, length) : Match.Empty;

        private static void Signature(HandlerAnalyzer.Reach r, GuardWord words, RangeGuards result)
        {
            var m = r.Module; var code = m.Code; int start = r.Start, length = r.End - r.Start;
            // Each pattern is run only where the word it cannot match without is there (GuardWords).
            var hmac = MatchIf(words, GuardWord.CreateHmac, Hmac, code, start, length);
            if (hmac.Success && Comparison.Match(code, start, length).Success)
            {
                var cmp = Comparison.Match(code, hmac.Index, r.End - hmac.Index);
                result.Add("signature", "an HMAC (createHmac) compared with the request's signature", hmac.Index, null, cmp.Success && FailOpen(code, start, cmp.Index));
                return;
            }
            var subtleVerify = MatchIf(words, GuardWord.Subtle, SubtleVerify, code, start, length);
            if (subtleVerify.Success) { result.Add("signature", "a MAC verified with crypto.subtle.verify()", subtleVerify.Index, null, false); return; }
            var subtleSign = MatchIf(words, GuardWord.Subtle, SubtleSign, code, start, length);
            if (subtleSign.Success)
            {
                var cmp = Comparison.Match(code, subtleSign.Index, r.End - subtleSign.Index);
                if (cmp.Success) { result.Add("signature", "an HMAC (crypto.subtle.sign) compared with the request's signature", subtleSign.Index, null, FailOpen(code, start, cmp.Index)); return; }
            }
            var safe = MatchIf(words, GuardWord.TimingSafeEqual, TimingSafe, code, start, length);
            if (safe.Success) { result.Add("signature", "timingSafeEqual", safe.Index, null, FailOpen(code, start, safe.Index)); return; }
            var stripe = MatchIf(words, GuardWord.ConstructEvent, ConstructEvent, code, start, length);
            if (stripe.Success) { result.Add("signature", "webhooks." + stripe.Groups[1].Value + "()", stripe.Index, null, false); return; }
            var jwt = MatchIf(words, GuardWord.Jwt, JwtVerify, code, start, length);
            if (jwt.Success) { result.Add("signature", "a JWT verified with its key", jwt.Index, null, false); return; }
            for (var verify = MatchIf(words, GuardWord.Verify, Verify, code, start, length); verify.Success; verify = verify.NextMatch())
            {
                var sdk = WebhookVerifier(m, code, verify.Index, start);
                if (sdk != null) { result.Add("signature", sdk, verify.Index, null, false); return; }
            }
            // ClientState ignores case: every character the regex takes for a letter of clientState is that letter under
            // OrdinalIgnoreCase too (GuardRecognizerTests), so a range without it ignoring case has no match (createClient has "lient").
            var clientState = code.IndexOf("clientState", start, length, StringComparison.OrdinalIgnoreCase) >= 0 ? ClientState.Match(code, start, length) : Match.Empty;
            if (clientState.Success) result.Add("signature", "the webhook clientState compared with the stored value", clientState.Index, null, FailOpen(code, start, clientState.Index));
        }

        private static readonly Regex WebhookReceiver = new Regex(@"(?i)(^|\.)\s*(webhooks?|wh)\s*$", Options);

        /// <summary>
        /// A webhook SDK's <c>.verify(</c> at <paramref name="dot"/>: Svix / standardwebhooks (<c>new Webhook(secret).verify</c>),
        /// <c>@octokit/webhooks</c> (<c>webhooks.verify</c>), Resend (<c>resend.webhooks.verify</c>), or any receiver named
        /// <c>webhook(s)</c> / <c>wh</c>. Null when the call is something else (jwt, crypto.subtle, bcrypt, …).
        /// </summary>
        internal static string? WebhookVerifier(ScriptModule m, string code, int dot, int floor)
        {
            var receiver = CodeText.Receiver(code, dot, floor, out _);
            if (m.ImportsPackage("svix") || m.ImportsPackage("standardwebhooks") || Regex.IsMatch(code, @"\bnew[ \t\r\n]+Webhook[ \t\r\n]*\("))
                return "Svix Webhook.verify()";
            if (receiver.Length > 0 && WebhookReceiver.IsMatch(receiver)) return receiver.Trim() + ".verify()";
            return null;
        }

        /// <summary>
        /// A check that lets the request through when its secret or header is missing: the rejecting condition is
        /// <c>a &amp;&amp; x !== y</c> (no <c>||</c>), or the comparison sits inside <c>if (secret) { … }</c>.
        /// </summary>
        internal static bool FailOpen(string code, int start, int comparison)
        {
            var cond = HandlerAnalyzer.EnclosingIfCondition(code, start, comparison);
            if (cond.Key >= 0 && cond.Value > cond.Key)
            {
                var text = code.Substring(cond.Key + 1, cond.Value - cond.Key - 1);
                int and = TopLevel(text, "&&"), or = TopLevel(text, "||");
                if (and >= 0 && or < 0 && and < comparison - cond.Key - 1 && (text.IndexOf("!=", StringComparison.Ordinal) >= 0 || text.IndexOf('!') >= 0)) return true;
            }
            // if (secret) { … comparison … } with a bare name as the condition.
            int depth = 0;
            for (int k = comparison - 1; k >= start; k--)
            {
                char c = code[k];
                if (c == '}' || c == ')' || c == ']') depth++;
                else if (c == '(' || c == '[') { if (depth > 0) depth--; }
                else if (c == '{')
                {
                    if (depth > 0) { depth--; continue; }
                    int j = CodeText.SkipSpaceBack(code, k - 1);
                    if (j < start || code[j] != ')') continue;
                    int open = CodeText.MatchOpen(code, j, start);
                    if (open < 0 || CodeText.WordBefore(code, open) != "if") continue;
                    var inner = code.Substring(open + 1, j - open - 1).Trim();
                    if (Regex.IsMatch(inner, @"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")) return true;
                }
            }
            return false;
        }

        private static int TopLevel(string text, string op)
        {
            int depth = 0;
            for (int k = 0; k + op.Length <= text.Length; k++)
            {
                char c = text[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (depth == 0 && string.CompareOrdinal(text, k, op, 0, op.Length) == 0) return k;
            }
            return -1;
        }
    }
}
