using System;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The words of a range the guard patterns cannot match without, found in one pass over its identifiers (the maximal
    /// <c>[\w$]</c> runs of the range, seen as the regexes see it: as the whole input). A pattern runs only when its
    /// word is there, so a range without guard words costs one pass instead of a regex or a string search per pattern.
    /// Each word is what every match of its pattern contains as a whole run (or as the run's start or end), so skipping a
    /// pattern whose word is missing changes no answer: see each pattern's comment in <see cref="GuardRecognizer"/>.
    /// </summary>
    [Flags]
    internal enum GuardWord
    {
        None = 0,
        /// <summary>The run <c>auth</c> (SupabaseAuth's <c>.auth.getUser(</c>, AuthCall's <c>auth()</c>).</summary>
        Auth = 1 << 0,
        /// <summary>A run SessionCall names: getServerSession, currentUser, requireAuth, requireUser, requireSession, getAuth.</summary>
        SessionName = 1 << 1,
        /// <summary>A run RoleCall names: requireRole, requireRoles, requireAdmin.</summary>
        RoleCallName = 1 << 2,
        /// <summary>A run starting with one of NamedRoleHelper's verbs followed by one of its roles (requireAdminApi, isOwner).</summary>
        RoleHelper = 1 << 3,
        /// <summary>A run ending with <c>role</c> / <c>Role</c> (RoleCompare's and RoleIncludes' role value).</summary>
        RoleEnd = 1 << 4,
        /// <summary>The run <c>includes</c> (RoleIncludes).</summary>
        Includes = 1 << 5,
        /// <summary>The run <c>data</c> (a membership lookup's <c>{ data: admin }</c>).</summary>
        Data = 1 << 6,
        /// <summary>The run <c>await</c> (a membership lookup's <c>= await</c>).</summary>
        Await = 1 << 7,
        /// <summary>A run ending with <c>env</c> / <c>Env</c> (EnvDot's and EnvBracket's <c>process.env</c>, TypedEnvRead's <c>serverEnv.</c>).</summary>
        EnvEnd = 1 << 8,
        /// <summary>The run <c>createHmac</c> (Hmac).</summary>
        CreateHmac = 1 << 9,
        /// <summary>A run ending with <c>subtle</c> (SubtleVerify, SubtleSign: <c>\bsubtle</c> may follow a <c>$</c>).</summary>
        Subtle = 1 << 10,
        /// <summary>The run <c>timingSafeEqual</c> (TimingSafe).</summary>
        TimingSafeEqual = 1 << 11,
        /// <summary>The run <c>constructEvent</c> or <c>constructEventAsync</c> (ConstructEvent).</summary>
        ConstructEvent = 1 << 12,
        /// <summary>The run <c>jwtVerify</c> or <c>jwt</c> (JwtVerify).</summary>
        Jwt = 1 << 13,
        /// <summary>The run <c>verify</c> (Verify: a webhook SDK's <c>.verify(</c>).</summary>
        Verify = 1 << 14,
    }

    /// <summary>Finds the <see cref="GuardWord"/>s of a range.</summary>
    internal static class GuardWords
    {
        // The whole runs that set a word, by length (the longest is constructEventAsync, 19).
        private static readonly Tuple<string, GuardWord>[][] Exact = ByLength(
            Tuple.Create("auth", GuardWord.Auth),
            Tuple.Create("getServerSession", GuardWord.SessionName), Tuple.Create("currentUser", GuardWord.SessionName),
            Tuple.Create("requireAuth", GuardWord.SessionName), Tuple.Create("requireUser", GuardWord.SessionName),
            Tuple.Create("requireSession", GuardWord.SessionName), Tuple.Create("getAuth", GuardWord.SessionName),
            Tuple.Create("requireRole", GuardWord.RoleCallName), Tuple.Create("requireRoles", GuardWord.RoleCallName),
            Tuple.Create("requireAdmin", GuardWord.RoleCallName),
            Tuple.Create("includes", GuardWord.Includes),
            Tuple.Create("data", GuardWord.Data), Tuple.Create("await", GuardWord.Await),
            Tuple.Create("createHmac", GuardWord.CreateHmac), Tuple.Create("timingSafeEqual", GuardWord.TimingSafeEqual),
            Tuple.Create("constructEvent", GuardWord.ConstructEvent), Tuple.Create("constructEventAsync", GuardWord.ConstructEvent),
            Tuple.Create("jwtVerify", GuardWord.Jwt), Tuple.Create("jwt", GuardWord.Jwt),
            Tuple.Create("verify", GuardWord.Verify));

        private static Tuple<string, GuardWord>[][] ByLength(params Tuple<string, GuardWord>[] words)
        {
            int longest = 0;
            foreach (var w in words) longest = Math.Max(longest, w.Item1.Length);
            var table = new Tuple<string, GuardWord>[longest + 1][];
            for (int length = 0; length <= longest; length++)
                table[length] = Array.FindAll(words, w => w.Item1.Length == length);
            return table;
        }

        // [\w$] for ASCII, copied from IdentifierTokens.IsWordOrDollar (the one definition) into a table for this hot loop.
        private static readonly bool[] AsciiWord = AsciiTable(c => IdentifierTokens.IsWordOrDollar(c));
        // The first letters of the whole runs and of the role-helper verbs: a run starting otherwise is looked at only for its end.
        private static readonly bool[] FirstLetters = AsciiTable(c =>
            Array.Exists(Exact, words => Array.Exists(words, w => w.Item1[0] == c)) || Array.Exists(GuardRecognizer.HelperVerbs, v => v[0] == c));

        private static bool[] AsciiTable(Func<char, bool> test)
        {
            var table = new bool[128];
            for (int c = 0; c < table.Length; c++) table[c] = test((char)c);
            return table;
        }

        /// <summary>The words of <c>code[start..end)</c>.</summary>
        public static GuardWord Of(string code, int start, int end)
        {
            var found = GuardWord.None;
            end = Math.Min(end, code.Length);
            for (int k = Math.Max(0, start); k < end;)
            {
                if (!IsWord(code[k])) { k++; continue; }
                int e = k + 1;
                while (e < end && IsWord(code[e])) e++;
                found |= OfRun(code, k, e);
                k = e;
            }
            return found;
        }

        private static bool IsWord(char c) => c < 128 ? AsciiWord[c] : IdentifierTokens.IsWordOrDollar(c);

        private static GuardWord OfRun(string code, int s, int e)
        {
            var found = GuardWord.None;
            int length = e - s;
            char first = code[s], last = code[e - 1];
            bool byFirst = first < 128 && FirstLetters[first];
            if (!byFirst && last != 'e' && last != 'v') return found;
            if (byFirst && length < Exact.Length)
                foreach (var w in Exact[length])
                    if (code[s] == w.Item1[0] && code[s + 1] == w.Item1[1] && string.CompareOrdinal(code, s, w.Item1, 0, length) == 0) { found |= w.Item2; break; }
            // The ends: [rR]ole, subtle, [eE]nv (compared from the last character back).
            if (last == 'e' && length >= 4)
            {
                if (code[e - 2] == 'l' && code[e - 3] == 'o' && (code[e - 4] == 'r' || code[e - 4] == 'R')) found |= GuardWord.RoleEnd;
                else if (length >= 6 && code[e - 2] == 'l' && string.CompareOrdinal(code, e - 6, "subtle", 0, 6) == 0) found |= GuardWord.Subtle;
            }
            else if (last == 'v' && length >= 3 && code[e - 2] == 'n' && (code[e - 3] == 'e' || code[e - 3] == 'E')) found |= GuardWord.EnvEnd;
            if (byFirst && IsRoleHelper(code, s, e)) found |= GuardWord.RoleHelper;
            return found;
        }

        /// <summary>The run starts with a verb and a role of <see cref="GuardRecognizer.HelperVerbs"/> × <see cref="GuardRecognizer.HelperRoles"/>.</summary>
        private static bool IsRoleHelper(string code, int s, int e)
        {
            char first = code[s];
            if (first >= VerbsByFirst.Length) return false;
            foreach (var verb in VerbsByFirst[first])
            {
                if (e - s <= verb.Length || code[s + 1] != verb[1] || string.CompareOrdinal(code, s, verb, 0, verb.Length) != 0) continue;
                int at = s + verb.Length;
                foreach (var role in GuardRecognizer.HelperRoles)
                    if (e - at >= role.Length && string.CompareOrdinal(code, at, role, 0, role.Length) == 0) return true;
            }
            return false;
        }

        // The verbs by their first letter (an ASCII letter each): most runs start with none of them.
        private static readonly string[][] VerbsByFirst = VerbTable();

        private static string[][] VerbTable()
        {
            var table = new string[128][];
            for (int c = 0; c < table.Length; c++)
                table[c] = Array.FindAll(GuardRecognizer.HelperVerbs, verb => verb[0] == c);
            return table;
        }
    }
}
