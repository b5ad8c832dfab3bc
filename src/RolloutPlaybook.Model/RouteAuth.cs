using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RolloutPlaybook.Model
{
    /// <summary>
    /// A route's <c>auth</c> (SPEC §8): one value for every method (<c>auth: admin</c>) or a value per method
    /// (<c>auth: { GET: none, POST: admin }</c>). Values: <c>none</c>, <c>public</c>, <c>session</c>, <c>admin</c> or
    /// any role name, <c>cron</c>, <c>signature</c>, <c>state</c>. Ask <see cref="For"/> for the auth of one method.
    /// </summary>
    public sealed class RouteAuth : IEquatable<RouteAuth>
    {
        private readonly SortedDictionary<RouteMethod, string> perMethod = new SortedDictionary<RouteMethod, string>();

        public RouteAuth() { }

        /// <summary>One value for every method of the route.</summary>
        public RouteAuth(string value) { Value = value; }

        /// <summary>A value per method, from a hashtable such as <c>@{ GET = 'none'; POST = 'admin' }</c> (keys: method names).</summary>
        public RouteAuth(IDictionary methods)
        {
            if (methods == null) throw new ArgumentNullException(nameof(methods));
            foreach (DictionaryEntry entry in methods)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                if (!Enum.TryParse<RouteMethod>(key.Trim(), true, out var method) || !Enum.IsDefined(typeof(RouteMethod), method) || key.Trim().Any(char.IsDigit))
                    throw new ArgumentException("'" + key + "' is not an HTTP method: use GET, POST, PUT, PATCH or DELETE as the keys of a per-method auth.");
                var value = UnwrapText(entry.Value);
                if (string.IsNullOrWhiteSpace(value))
                    throw new ArgumentException("The auth of " + method + " is empty: use none, public, session, admin (or a role name), cron, signature or state.");
                perMethod[method] = value!.Trim();
            }
            if (perMethod.Count == 0) throw new ArgumentException("A per-method auth names at least one method.");
        }

        private static string? UnwrapText(object? value)
        {
            // PowerShell hands values over wrapped; ToString of the wrapper is the value's text.
            return value == null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        /// <summary>The route-wide value (null when the auth is given per method).</summary>
        public string? Value { get; set; }

        /// <summary>The per-method values, in method order (empty when one value stands for the route).</summary>
        public IDictionary<RouteMethod, string> Methods => perMethod;

        /// <summary>True when the plan gives the auth per method.</summary>
        public bool IsPerMethod => perMethod.Count > 0;

        /// <summary>The auth of one method: its own entry, else the route-wide value; null when the plan does not say.</summary>
        public string? For(RouteMethod method) => perMethod.TryGetValue(method, out var v) ? v : Value;

        /// <summary>Every value the route uses (distinct, in method order), for checks that only need the kinds.</summary>
        public IReadOnlyList<string> Values
            => IsPerMethod ? perMethod.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList() : (Value == null ? new List<string>() : new List<string> { Value });

        /// <summary>True when <paramref name="kind"/> (case-insensitive) is the auth of any method.</summary>
        public bool Uses(string kind) => Values.Any(v => string.Equals(v.Trim(), kind, StringComparison.OrdinalIgnoreCase));

        public static RouteAuth Parse(string value) => new RouteAuth(value);

        public static implicit operator RouteAuth?(string? value) => value == null ? null : new RouteAuth(value);

        /// <summary><c>admin</c>, or <c>GET: none, POST: admin</c> for a per-method auth.</summary>
        public override string ToString()
            => IsPerMethod ? string.Join(", ", perMethod.Select(e => e.Key + ": " + e.Value)) : Value ?? "";

        public bool Equals(RouteAuth? other)
        {
            if (other is null) return false;
            if (!string.Equals(Value, other.Value, StringComparison.Ordinal) || perMethod.Count != other.perMethod.Count) return false;
            foreach (var e in perMethod)
                if (!other.perMethod.TryGetValue(e.Key, out var v) || !string.Equals(v, e.Value, StringComparison.Ordinal)) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is string s ? Equals(new RouteAuth(s)) : Equals(obj as RouteAuth);

        public override int GetHashCode() => ToString().GetHashCode();

        public static bool operator ==(RouteAuth? a, RouteAuth? b) => a is null ? b is null : a.Equals(b);
        public static bool operator !=(RouteAuth? a, RouteAuth? b) => !(a == b);
    }

    /// <summary>
    /// A list key that may instead say <c>none</c> (<c>writes: none</c>): the named boolean property of the same
    /// object is true then, and the writer writes <c>none</c> while it is true and the list is empty.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PlanNoneAttribute : Attribute
    {
        public PlanNoneAttribute(string flagProperty) { FlagProperty = flagProperty; }
        public string FlagProperty { get; }
    }
}
