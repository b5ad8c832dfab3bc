using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>What the module knows about HTTP methods of routes; authoring, the gate and the documents share it.</summary>
    public static class RouteMethods
    {
        /// <summary>POST, PUT, PATCH and DELETE change data (and need a <c>writes</c> entry); GET does not.</summary>
        public static bool IsMutating(RouteMethod method)
            => method == RouteMethod.POST || method == RouteMethod.PUT || method == RouteMethod.PATCH || method == RouteMethod.DELETE;
    }
}
