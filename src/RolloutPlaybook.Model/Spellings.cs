using System;

namespace RolloutPlaybook.Model
{
    /// <summary>
    /// A value with a fixed set of members written the plan file's way everywhere (<c>1:1</c>, <c>db</c>): its public
    /// static fields of its own type, each with its <see cref="PlanValueAttribute"/>, are the members. An enum cannot
    /// do this (PowerShell shows, compares and completes enums by member name): these types print their spelling,
    /// compare equal to it (<c>Where-Object Cardinality -eq '1:1'</c> converts the text with the static <c>Parse</c>)
    /// and are completed with it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Struct)]
    public sealed class PlanValueSetAttribute : Attribute { }

    /// <summary>How many internal entities one external id maps to: <c>1:1</c> or <c>1:N</c>.</summary>
    [PlanValueSet]
    public readonly struct Cardinality : IEquatable<Cardinality>
    {
        private readonly bool many;
        private Cardinality(bool many) { this.many = many; }

        /// <summary>One entity per external id (<c>1:1</c>): enforced by a partial unique index.</summary>
        [PlanValue("1:1")] public static readonly Cardinality OneToOne = new Cardinality(false);
        /// <summary>Many entities per external id (<c>1:N</c>).</summary>
        [PlanValue("1:N")] public static readonly Cardinality OneToMany = new Cardinality(true);

        /// <summary>Reads <c>1:1</c> or <c>1:N</c> (any case; the member names <c>OneToOne</c>/<c>OneToMany</c> too).</summary>
        public static bool TryParse(string? text, out Cardinality value)
        {
            switch ((text ?? "").Trim().ToUpperInvariant())
            {
                case "1:1": case "ONETOONE": value = OneToOne; return true;
                case "1:N": case "ONETOMANY": value = OneToMany; return true;
                default: value = default; return false;
            }
        }

        public static Cardinality Parse(string text)
            => TryParse(text, out var value) ? value : throw new FormatException("'" + text + "' is not a cardinality: expected 1:1 or 1:N.");

        public override string ToString() => many ? "1:N" : "1:1";
        public bool Equals(Cardinality other) => many == other.many;
        public override bool Equals(object? obj) => obj is Cardinality other && Equals(other);
        public override int GetHashCode() => many ? 1 : 0;
        public static bool operator ==(Cardinality a, Cardinality b) => a.Equals(b);
        public static bool operator !=(Cardinality a, Cardinality b) => !a.Equals(b);
    }

    /// <summary>Where a 1:1 linking point is enforced: <c>db</c> (a partial unique index) or <c>app</c>.</summary>
    [PlanValueSet]
    public readonly struct EnforcedIn : IEquatable<EnforcedIn>
    {
        private readonly bool app;
        private EnforcedIn(bool app) { this.app = app; }

        /// <summary>By the database (<c>db</c>).</summary>
        [PlanValue("db")] public static readonly EnforcedIn Db = new EnforcedIn(false);
        /// <summary>By the application code (<c>app</c>).</summary>
        [PlanValue("app")] public static readonly EnforcedIn App = new EnforcedIn(true);

        /// <summary>Reads <c>db</c> or <c>app</c> (any case).</summary>
        public static bool TryParse(string? text, out EnforcedIn value)
        {
            switch ((text ?? "").Trim().ToLowerInvariant())
            {
                case "db": value = Db; return true;
                case "app": value = App; return true;
                default: value = default; return false;
            }
        }

        public static EnforcedIn Parse(string text)
            => TryParse(text, out var value) ? value : throw new FormatException("'" + text + "' is not where a linking point is enforced: expected db or app.");

        public override string ToString() => app ? "app" : "db";
        public bool Equals(EnforcedIn other) => app == other.app;
        public override bool Equals(object? obj) => obj is EnforcedIn other && Equals(other);
        public override int GetHashCode() => app ? 1 : 0;
        public static bool operator ==(EnforcedIn a, EnforcedIn b) => a.Equals(b);
        public static bool operator !=(EnforcedIn a, EnforcedIn b) => !a.Equals(b);
    }
}
