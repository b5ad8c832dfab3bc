using System;
using System.Globalization;
using System.Linq;

namespace RolloutPlaybook.Model
{
    /// <summary>A duration as written in a plan file: <c>4m</c>, <c>1.2s</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
    public readonly struct Duration : IEquatable<Duration>, IComparable<Duration>
    {
        public Duration(TimeSpan value) { Value = value; }

        public TimeSpan Value { get; }
        public double TotalSeconds => Value.TotalSeconds;

        public static Duration FromSeconds(double seconds) => new Duration(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));

        /// <summary>The longest duration a plan may state (ten years); anything longer is a typo or an attack.</summary>
        public static readonly TimeSpan MaxValue = TimeSpan.FromDays(3650);

        /// <summary>Parses <c>90s</c>, <c>1.2s</c>, <c>4m</c>, <c>1h30m</c>, <c>2d</c>, <c>250ms</c> (no sign, no spaces inside a part).</summary>
        public static bool TryParse(string? text, out Duration duration) => TryParse(text, out duration, out _);

        /// <summary>
        /// As <see cref="TryParse(string?, out Duration)"/>, with the reason a text is refused: each unit at most once,
        /// largest first (<c>1h30m</c>, not <c>4m4m</c> or <c>30m1h</c>), and at most <see cref="MaxValue"/> in all.
        /// Never throws, whatever the digits (a number too large for any arithmetic is simply out of range).
        /// </summary>
        public static bool TryParse(string? text, out Duration duration, out string? reason)
        {
            duration = default;
            reason = null;
            if (text == null) return false;
            var s = text.Trim();
            if (s.Length == 0) return false;
            long ticks = 0;
            int i = 0;
            int lastRank = int.MaxValue;
            while (i < s.Length)
            {
                int start = i;
                while (i < s.Length && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) i++;
                if (i == start) return false;
                var digits = s.Substring(start, i - start);
                int unitStart = i;
                while (i < s.Length && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) i++;
                string unit = s.Substring(unitStart, i - unitStart).ToLowerInvariant();
                long unitTicks;
                int rank;
                switch (unit)
                {
                    case "ms": unitTicks = TimeSpan.TicksPerMillisecond; rank = 0; break;
                    case "s": case "sec": unitTicks = TimeSpan.TicksPerSecond; rank = 1; break;
                    case "m": case "min": unitTicks = TimeSpan.TicksPerMinute; rank = 2; break;
                    case "h": unitTicks = TimeSpan.TicksPerHour; rank = 3; break;
                    case "d": unitTicks = TimeSpan.TicksPerDay; rank = 4; break;
                    default: return false;
                }
                if (rank >= lastRank)
                {
                    reason = rank == lastRank ? "states the unit '" + unit + "' twice" : "states a smaller unit before '" + unit + "' (write the largest first, as in 1h30m)";
                    return false;
                }
                lastRank = rank;
                // Compare before multiplying: the number may be beyond what any arithmetic type holds.
                if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    || number > (decimal)MaxValue.Ticks / unitTicks)
                {
                    if (digits.Count(c => c == '.') > 1) return false;
                    reason = "is longer than " + (long)MaxValue.TotalDays + " days";
                    return false;
                }
                ticks += (long)Math.Round(number * unitTicks);
                if (ticks > MaxValue.Ticks)
                {
                    reason = "is longer than " + (long)MaxValue.TotalDays + " days";
                    return false;
                }
            }
            duration = new Duration(TimeSpan.FromTicks(ticks));
            return true;
        }

        public static Duration Parse(string text)
            => TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not a duration (examples: 4m, 1.2s, 1h30m, 250ms)");

        /// <summary>The canonical spelling: the largest unit that states the value exactly.</summary>
        public override string ToString()
        {
            long ticks = Value.Ticks;
            if (ticks == 0) return "0s";
            if (ticks % TimeSpan.TicksPerDay == 0) return (ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture) + "d";
            if (ticks % TimeSpan.TicksPerHour == 0) return (ticks / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture) + "h";
            if (ticks % TimeSpan.TicksPerMinute == 0) return (ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "m";
            if (ticks % TimeSpan.TicksPerSecond == 0) return (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
            if (ticks % TimeSpan.TicksPerMillisecond == 0 && ticks < TimeSpan.TicksPerSecond)
                return (ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms";
            return ((decimal)ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
        }

        public bool Equals(Duration other) => Value == other.Value;
        public override bool Equals(object? obj) => obj is Duration d && Equals(d);
        public override int GetHashCode() => Value.GetHashCode();
        public int CompareTo(Duration other) => Value.CompareTo(other.Value);
        public static bool operator ==(Duration a, Duration b) => a.Equals(b);
        public static bool operator !=(Duration a, Duration b) => !a.Equals(b);
        public static implicit operator TimeSpan(Duration d) => d.Value;
    }

    /// <summary>A source rate limit: <c>{ requests: 50, per: 1m }</c>.</summary>
    [PlanFlow]
    public sealed class RateLimit : IEquatable<RateLimit>
    {
        [PlanRequired]
        public int Requests { get; set; }
        [PlanRequired]
        public Duration Per { get; set; }

        /// <summary>Requests allowed per second.</summary>
        public double PerSecond => Per.TotalSeconds <= 0 ? 0 : Requests / Per.TotalSeconds;

        /// <summary>Parses the short form <c>50/1m</c> (also <c>50 per 1m</c>).</summary>
        public static bool TryParse(string? text, out RateLimit? rateLimit)
        {
            rateLimit = null;
            if (text == null) return false;
            var s = text.Trim();
            int sep = s.IndexOf('/');
            int len = 1;
            if (sep < 0) { sep = s.IndexOf(" per ", StringComparison.OrdinalIgnoreCase); len = 5; }
            if (sep <= 0) return false;
            if (!int.TryParse(s.Substring(0, sep).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var requests) || requests <= 0) return false;
            if (!Duration.TryParse(s.Substring(sep + len).Trim(), out var per) || per.Value <= TimeSpan.Zero) return false;
            rateLimit = new RateLimit { Requests = requests, Per = per };
            return true;
        }

        public override string ToString() => Requests.ToString(CultureInfo.InvariantCulture) + "/" + Per;
        public bool Equals(RateLimit? other) => other != null && Requests == other.Requests && Per == other.Per;
        public override bool Equals(object? obj) => Equals(obj as RateLimit);
        public override int GetHashCode() => Requests.GetHashCode() ^ Per.GetHashCode();
    }

    /// <summary>Where something stands in a plan file (1-based line and column).</summary>
    public sealed class PlanLocation
    {
        public PlanLocation(string? file, int line, int column) { File = file; Line = line; Column = column; }
        public string? File { get; }
        public int Line { get; }
        public int Column { get; }
        public override string ToString() => (File ?? "<plan>") + ":" + Line.ToString(CultureInfo.InvariantCulture) + ":" + Column.ToString(CultureInfo.InvariantCulture);
    }
}

namespace RolloutPlaybook.Model
{
    /// <summary>A key a plan file must state (the loader reports it missing with its position).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PlanRequiredAttribute : Attribute { }

    /// <summary>A text key whose value must match a pattern; <see cref="Description"/> names the form in errors.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PlanPatternAttribute : Attribute
    {
        public PlanPatternAttribute(string pattern, string description) { Pattern = pattern; Description = description; }
        public string Pattern { get; }
        public string Description { get; }
    }

    /// <summary>The patterns identifiers must follow (they end up in file names, SQL and env files).</summary>
    public static class PlanPatterns
    {
        public const string Connector = "^[a-z][a-z0-9-]*$";
        public const string Source = "^[a-z][a-z0-9_]*$";
        public const string EnvVar = "^[A-Z][A-Z0-9_]*$";
        /// <summary>A URL path; it starts with <c>/api/</c> unless <c>repository.routeBase</c> names another base (checked with the plan, SPEC §8).</summary>
        public const string RoutePath = "^/[A-Za-z0-9_\\-\\[\\]./]*$";
        public const string Identifier = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
        public const string RuleId = "^RP\\.[A-Za-z]+\\.[A-Za-z]+$";
        public const string SqlName = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$";
        public const string RouteBase = "^/[A-Za-z0-9_\\-\\[\\]./]*$";
        public const string FileName = "^[^/\\\\:*?\"<>|]+$";
    }
}
