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

    /// <summary>Accepts a duration as <c>4m</c>/<c>1.2s</c> text, a TimeSpan, or a number of seconds.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case null: return null;
                case Duration d: return d;
                case TimeSpan t: return new Duration(t);
                case string s:
                    if (Duration.TryParse(s, out var parsed)) return parsed;
                    throw new ArgumentTransformationMetadataException("'" + s + "' is not a duration: use forms such as 4m, 1.2s, 1h30m or 250ms, or a TimeSpan.");
                case double x: return Duration.FromSeconds(x);
                case decimal m: return Duration.FromSeconds((double)m);
                // Whole numbers are seconds; PowerShell reads "90s" as the short 90, which is what the user meant.
                case int _: case long _: case short _: case byte _: case sbyte _: case ushort _: case uint _:
                    return Duration.FromSeconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
                default: return value;
            }
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
}
