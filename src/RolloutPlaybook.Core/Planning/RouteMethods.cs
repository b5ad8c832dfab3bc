using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>
    /// What the module knows about HTTP methods of routes and which of a route's writes each method does (SPEC §8,
    /// routes[].writes[].method); authoring, the drafter, the gate and the documents share it.
    /// </summary>
    public static class RouteMethods
    {
        /// <summary>POST, PUT, PATCH and DELETE change data (and need a <c>writes</c> entry); GET does not.</summary>
        public static bool IsMutating(RouteMethod method)
            => method == RouteMethod.POST || method == RouteMethod.PUT || method == RouteMethod.PATCH || method == RouteMethod.DELETE;

        /// <summary>
        /// The methods whose writes a route documents, in the route's order: its mutating methods, then any other method
        /// an entry names (GET included). Empty for a route without a mutating method whose entries name no method.
        /// </summary>
        public static IReadOnlyList<RouteMethod> WritingMethods(RolloutRoute route)
        {
            var methods = route.Methods.Where(IsMutating).ToList();
            foreach (var w in route.Writes)
                foreach (var m in w.Method.Count == 0 ? route.Methods : w.Method)
                    if (!methods.Contains(m) && (w.Method.Count > 0 || IsMutating(m))) methods.Add(m);
            return methods;
        }

        /// <summary>
        /// The writes one method does, with their index in <c>writes</c>: the entries that name it, and the entries that
        /// name no method if the method is mutating (SPEC §8: "an entry without method is about every mutating method")
        /// or the route has no mutating method at all (then an unnamed entry is about each of its methods).
        /// </summary>
        public static IEnumerable<(RouteWrite Write, int Index)> WritesFor(RolloutRoute route, RouteMethod method)
        {
            for (int i = 0; i < route.Writes.Count; i++)
            {
                var w = route.Writes[i];
                if (Covers(route, w, method)) yield return (w, i);
            }
        }

        /// <summary>Whether one of the route's writes is about <paramref name="method"/> (the rule of <see cref="WritesFor"/>).</summary>
        public static bool Covers(RolloutRoute route, RouteWrite write, RouteMethod method)
        {
            if (write.Method.Count > 0) return write.Method.Contains(method);
            if (IsMutating(method)) return true;
            foreach (var m in route.Methods) if (IsMutating(m)) return false;
            return true;
        }
    }
}
