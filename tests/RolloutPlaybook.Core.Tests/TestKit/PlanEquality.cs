using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    /// <summary>Structural equality of plans (every model property, recursively).</summary>
    internal static class PlanEquality
    {
        public static void AssertEqual(object? expected, object? actual, string path = "")
        {
            if (expected == null || actual == null)
            {
                Assert.True(Empty(expected) && Empty(actual), path + ": " + expected + " vs " + actual);
                return;
            }
            var type = expected.GetType();
            Assert.Equal(type, actual.GetType());
            if (expected is RolloutRoute er) Assert.True(er.NoWrites == ((RolloutRoute)actual).NoWrites, path + ".NoWrites");
            if (type == typeof(string) || type.IsValueType || type == typeof(RateLimit) || type == typeof(RouteAuth))
            {
                Assert.True(expected.Equals(actual), path + ": expected <" + expected + "> got <" + actual + ">");
                return;
            }
            if (expected is IDictionary ed)
            {
                var ad = (IDictionary)actual;
                Assert.True(ed.Count == ad.Count, path + ": count " + ed.Count + " vs " + ad.Count);
                foreach (DictionaryEntry e in ed) AssertEqual(e.Value, ad[e.Key], path + "[" + e.Key + "]");
                return;
            }
            if (expected is IList el)
            {
                var al = (IList)actual;
                Assert.True(el.Count == al.Count, path + ": count " + el.Count + " vs " + al.Count);
                for (int i = 0; i < el.Count; i++) AssertEqual(el[i], al[i], path + "[" + i + "]");
                return;
            }
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<PlanIgnoreAttribute>() == null))
                AssertEqual(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name);
        }

        private static bool Empty(object? o) => o == null || (o is IList l && l.Count == 0) || (o is IDictionary d && d.Count == 0);
    }
}
