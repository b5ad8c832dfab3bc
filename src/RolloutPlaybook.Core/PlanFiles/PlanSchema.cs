using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    internal enum PlanValueKind
    {
        Text, Integer, Boolean, Enum, Duration, Date, DateTime, Object, List,
        /// <summary>A route's auth: one scalar, or a mapping method → value (<see cref="RouteAuth"/>).</summary>
        Auth,
        /// <summary>A mapping name → list of text (<c>repository.guards</c>).</summary>
        NameLists,
    }

    /// <summary>One key of a plan object: its camelCase name, property and how its value is read and written.</summary>
    internal sealed class PlanProperty
    {
        public PlanProperty(PropertyInfo property)
        {
            Property = property;
            Key = KeyOf(property.Name);
            Required = property.GetCustomAttribute<PlanRequiredAttribute>() != null;
            ScalarWhenSingle = property.GetCustomAttribute<PlanScalarWhenSingleAttribute>() != null;
            var pattern = property.GetCustomAttribute<PlanPatternAttribute>();
            if (pattern != null)
            {
                Pattern = new Regex(pattern.Pattern, RegexOptions.CultureInvariant);
                PatternDescription = pattern.Description;
            }
            var type = property.PropertyType;
            Nullable = !type.IsValueType || System.Nullable.GetUnderlyingType(type) != null;
            ValueType = System.Nullable.GetUnderlyingType(type) ?? type;
            if (ValueType.IsGenericType && ValueType.GetGenericTypeDefinition() == typeof(List<>))
            {
                Kind = PlanValueKind.List;
                ItemType = ValueType.GetGenericArguments()[0];
                ItemKind = KindOf(ItemType);
            }
            else Kind = KindOf(ValueType);
            if (property.Name == nameof(ValidationCheck.RecordedAt)) Kind = PlanValueKind.DateTime;
            Set = CompileSetter(property);
            Get = CompileGetter(property);
            if (Kind == PlanValueKind.List) NewList = CompileFactory(ValueType);
            var none = property.GetCustomAttribute<PlanNoneAttribute>();
            if (none != null)
            {
                var flag = property.DeclaringType!.GetProperty(none.FlagProperty)
                    ?? throw new NotSupportedException("PlanNone names a missing property " + none.FlagProperty);
                SetNone = CompileSetter(flag);
                GetNone = CompileGetter(flag);
            }
        }

        /// <summary>For a list that may say <c>none</c> (<see cref="PlanNoneAttribute"/>): sets / reads its flag.</summary>
        public Action<object, object?>? SetNone { get; }
        public Func<object, object?>? GetNone { get; }

        /// <summary>Sets the property on a model object (compiled once: loading sets tens of thousands of keys).</summary>
        public Action<object, object?> Set { get; }
        public Func<object, object?> Get { get; }
        /// <summary>For list properties: a new empty list of the property's type.</summary>
        public Func<object>? NewList { get; }

        private static Action<object, object?> CompileSetter(PropertyInfo property)
        {
            var target = System.Linq.Expressions.Expression.Parameter(typeof(object), "target");
            var value = System.Linq.Expressions.Expression.Parameter(typeof(object), "value");
            var body = System.Linq.Expressions.Expression.Assign(
                System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(target, property.DeclaringType!), property),
                System.Linq.Expressions.Expression.Convert(value, property.PropertyType));
            return System.Linq.Expressions.Expression.Lambda<Action<object, object?>>(body, target, value).Compile();
        }

        private static Func<object, object?> CompileGetter(PropertyInfo property)
        {
            var target = System.Linq.Expressions.Expression.Parameter(typeof(object), "target");
            var body = System.Linq.Expressions.Expression.Convert(
                System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(target, property.DeclaringType!), property), typeof(object));
            return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(body, target).Compile();
        }

        internal static Func<object> CompileFactory(Type type)
            => System.Linq.Expressions.Expression.Lambda<Func<object>>(
                System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.New(type), typeof(object))).Compile();

        /// <summary>The plan-file key of a model member: its name with the first letter lower-cased (<c>LinkingPoints</c> → <c>linkingPoints</c>).</summary>
        public static string KeyOf(string memberName) => memberName.Length == 0 ? memberName : char.ToLowerInvariant(memberName[0]) + memberName.Substring(1);

        public PropertyInfo Property { get; }
        public string Key { get; }
        public bool Required { get; }
        public bool ScalarWhenSingle { get; }
        public Regex? Pattern { get; }
        public string? PatternDescription { get; }
        public bool Nullable { get; }
        public Type ValueType { get; }
        public PlanValueKind Kind { get; }
        public Type? ItemType { get; }
        public PlanValueKind ItemKind { get; }

        private static PlanValueKind KindOf(Type t)
        {
            if (t == typeof(string)) return PlanValueKind.Text;
            if (t == typeof(int)) return PlanValueKind.Integer;
            if (t == typeof(bool)) return PlanValueKind.Boolean;
            if (t.IsEnum || (t.IsValueType && t.GetCustomAttribute<PlanValueSetAttribute>() != null)) return PlanValueKind.Enum;
            if (t == typeof(RouteAuth)) return PlanValueKind.Auth;
            if (t == typeof(SortedDictionary<string, List<string>>)) return PlanValueKind.NameLists;
            if (t == typeof(Duration)) return PlanValueKind.Duration;
            if (t == typeof(DateTime)) return PlanValueKind.Date;
            if (t.IsClass) return PlanValueKind.Object;
            throw new NotSupportedException("plan model type " + t + " has no file form");
        }
    }

    /// <summary>The keys of a plan object type, in file order (declaration order).</summary>
    internal sealed class PlanType
    {
        private static readonly ConcurrentDictionary<Type, PlanType> Cache = new ConcurrentDictionary<Type, PlanType>();

        private PlanType(Type type)
        {
            Type = type;
            Flow = type.GetCustomAttribute<PlanFlowAttribute>() != null;
            Properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetSetMethod() != null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<PlanIgnoreAttribute>() == null)
                .OrderBy(p => p.MetadataToken)
                .Select(p => new PlanProperty(p))
                .ToArray();
            ByKey = Properties.ToDictionary(p => p.Key, StringComparer.Ordinal);
            Factory = PlanProperty.CompileFactory(type);
        }

        public Type Type { get; }
        public bool Flow { get; }
        public IReadOnlyList<PlanProperty> Properties { get; }
        public IReadOnlyDictionary<string, PlanProperty> ByKey { get; }
        public Func<object> Factory { get; }

        public static PlanType Of(Type type) => Cache.GetOrAdd(type, t => new PlanType(t));
    }

    /// <summary>Enumeration spellings of the plan file (<c>"1:1"</c>, <c>after-write</c>), case-insensitive.</summary>
    public static class PlanEnum
    {
        private static readonly ConcurrentDictionary<Type, (Dictionary<string, object> Parse, Dictionary<object, string> Format, string[] Spellings)> Cache
            = new ConcurrentDictionary<Type, (Dictionary<string, object>, Dictionary<object, string>, string[])>();

        private static (Dictionary<string, object> Parse, Dictionary<object, string> Format, string[] Spellings) For(Type type)
            => Cache.GetOrAdd(type, t =>
            {
                var parse = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                var format = new Dictionary<object, string>();
                var spellings = new List<string>();
                foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    var value = field.GetValue(null)!;
                    var spelling = field.GetCustomAttribute<PlanValueAttribute>()?.Value ?? field.Name;
                    parse[spelling] = value;
                    parse[field.Name] = value;
                    format[value] = spelling;
                    spellings.Add(spelling);
                }
                return (parse, format, spellings.ToArray());
            });

        public static bool TryParse(Type type, string text, out object? value)
        {
            var found = For(type).Parse.TryGetValue(text.Trim(), out var v);
            value = v;
            return found;
        }

        public static bool TryParse<T>(string text, out T value) where T : struct
        {
            if (TryParse(typeof(T), text, out var v)) { value = (T)v!; return true; }
            value = default;
            return false;
        }

        /// <summary>The file spelling of a value (<c>Cardinality.OneToOne</c> is <c>1:1</c>).</summary>
        public static string Format(object value) => For(value.GetType()).Format.TryGetValue(value, out var s) ? s : value.ToString()!;

        /// <summary>The spellings a file may use, in declaration order.</summary>
        public static IReadOnlyList<string> Spellings(Type type) => For(type).Spellings;

        /// <summary><c>"1:1" or "1:N"</c>, <c>"a", "b" or "c"</c>.</summary>
        public static string Expected(Type type)
        {
            var s = Spellings(type).Select(x => "\"" + x + "\"").ToArray();
            return s.Length == 1 ? s[0] : string.Join(", ", s, 0, s.Length - 1) + " or " + s[s.Length - 1];
        }
    }
}
