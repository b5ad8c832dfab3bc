using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>Accepts the plan file's spellings of an enumeration (<c>1:1</c>, <c>after-write</c>) as well as member names.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PlanEnumTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly Type enumType;

        public PlanEnumTransformationAttribute(Type enumType) { this.enumType = enumType; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is string text) return Parse(text);
            if (value is object[] array)
            {
                var result = Array.CreateInstance(enumType, array.Length);
                for (int i = 0; i < array.Length; i++)
                {
                    var item = array[i] is PSObject p ? p.BaseObject : array[i];
                    result.SetValue(item is string s ? Parse(s) : item, i);
                }
                return result;
            }
            return value;
        }

        private object Parse(string text)
        {
            if (PlanEnum.TryParse(enumType, text, out var parsed)) return parsed!;
            throw new ArgumentTransformationMetadataException("'" + text + "' is not valid here: expected " + PlanEnum.Expected(enumType) + ".");
        }
    }

    /// <summary>
    /// Duration arguments are taken as text: PowerShell reads an unquoted <c>1.2s</c> as the Int16 1 (the <c>s</c>
    /// suffix), and only a <c>[string]</c> parameter receives the literal as written. Accepted: <c>4m</c>, <c>1.2s</c>,
    /// <c>1h30m</c>, <c>250ms</c>, a number of seconds, or a TimeSpan (which arrives as its invariant text).
    /// </summary>
    internal static class DurationArgument
    {
        public static bool TryParse(string? text, out Duration duration)
        {
            duration = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            if (Duration.TryParse(text, out duration)) return true;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < Duration.MaxValue.TotalSeconds)
            {
                duration = Duration.FromSeconds(seconds);
                return true;
            }
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
            {
                duration = new Duration(span);
                return true;
            }
            return false;
        }

        public static Duration Parse(string text) => TryParse(text, out var d) ? d : throw new FormatException(text);
    }

    /// <summary>Validates a duration argument at binding time (see <see cref="DurationArgument"/>).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateDurationAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = (arguments is PSObject pso ? pso.BaseObject : arguments)?.ToString();
            if (!DurationArgument.TryParse(text, out _))
                throw new ValidationMetadataException("'" + text + "' is not a duration: use forms such as 4m, 1.2s, 1h30m or 250ms, a number of seconds, or a TimeSpan.");
        }
    }

    /// <summary>Accepts a rate limit as <c>50/1m</c> text or a hashtable <c>@{ Requests = 50; Per = '1m' }</c>.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RateLimitTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case null: return null;
                case RateLimit r: return r;
                case string s:
                    if (RateLimit.TryParse(s, out var parsed)) return parsed;
                    throw new ArgumentTransformationMetadataException("'" + s + "' is not a rate limit: use 50/1m or @{ Requests = 50; Per = '1m' }.");
                case IDictionary table:
                {
                    object? requests = null, per = null;
                    foreach (DictionaryEntry entry in table)
                    {
                        var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                        var v = entry.Value is PSObject p ? p.BaseObject : entry.Value;
                        if (string.Equals(key, "Requests", StringComparison.OrdinalIgnoreCase)) requests = v;
                        else if (string.Equals(key, "Per", StringComparison.OrdinalIgnoreCase)) per = v;
                        else throw new ArgumentTransformationMetadataException("Unknown rate limit key '" + key + "': use Requests and Per.");
                    }
                    Duration perDuration;
                    if (per is TimeSpan ts) perDuration = new Duration(ts);
                    else if (!(per is string ps && Duration.TryParse(ps, out perDuration)))
                        throw new ArgumentTransformationMetadataException("A rate limit needs Per as a duration such as '1m'.");
                    int count;
                    try { count = Convert.ToInt32(requests, CultureInfo.InvariantCulture); }
                    catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
                    { throw new ArgumentTransformationMetadataException("A rate limit needs Requests as a whole number."); }
                    if (count <= 0 || perDuration.Value <= TimeSpan.Zero) throw new ArgumentTransformationMetadataException("A rate limit needs Requests > 0 and Per > 0.");
                    return new RateLimit { Requests = count, Per = perDuration };
                }
                default: return value;
            }
        }
    }

    /// <summary>Accepts a route auth as one value (<c>admin</c>) or a hashtable per method (<c>@{ GET = 'none'; POST = 'admin' }</c>).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class RouteAuthTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case null: return null;
                case RouteAuth a: return a;
                case string s:
                    if (string.IsNullOrWhiteSpace(s)) throw new ArgumentTransformationMetadataException("An auth cannot be empty: use none, public, session, admin (or a role name), cron, signature or state.");
                    return new RouteAuth(s.Trim());
                case IDictionary table:
                {
                    var copy = new Hashtable();
                    foreach (DictionaryEntry entry in table) copy[entry.Key] = entry.Value is PSObject p ? p.BaseObject : entry.Value;
                    try { return new RouteAuth(copy); }
                    catch (ArgumentException ex) { throw new ArgumentTransformationMetadataException(ex.Message, ex); }
                }
                default:
                    throw new ArgumentTransformationMetadataException("An auth is one value such as 'admin' or a hashtable per method such as @{ GET = 'none'; POST = 'admin' }; got a " + value.GetType().Name + ".");
            }
        }
    }
}
