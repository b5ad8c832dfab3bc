using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>
    /// The Manual Setup Handoff on its own (SPEC §6): Markdown and DotEnv from templates
    /// (<c>setup-handoff.md.scriban</c>, <c>setup-handoff.env.scriban</c>), Json from code with a fixed key order.
    /// A handoff with gaps still renders; every gap is marked. Secret values are never rendered.
    /// </summary>
    public static class SetupHandoffDocument
    {
        public const string MarkdownTemplateName = "setup-handoff.md.scriban";
        public const string DotEnvTemplateName = "setup-handoff.env.scriban";

        public static string Render(RolloutPlan plan, HandoffFormat format, string? templatePath = null)
            => Render(plan, format, new DocumentOptions { TemplatePath = templatePath });

        public static string Render(RolloutPlan plan, HandoffFormat format, DocumentOptions options)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (options == null) throw new ArgumentNullException(nameof(options));
            RepositoryPaths.CheckConnector(plan);
            var safe = PlanSnapshot.WithoutSecretValues(plan);
            var view = new HandoffView(safe);
            if (format == HandoffFormat.Json)
            {
                if (options.TemplatePath != null)
                    throw new Errors.RolloutException(Errors.ErrorIds.TemplateNotSupported,
                        "The Json handoff is written by code with a fixed shape; -Template applies to Markdown and DotEnv.", options.TemplatePath);
                return Security.SecretDetector.Redact(Json(view, options.Timestamp));
            }
            var globals = new Dictionary<string, object?>
            {
                ["plan"] = safe,
                ["handoff"] = view,
                ["timestamp"] = options.Timestamp.HasValue ? PlanFunctions.Spell(options.Timestamp.Value.ToUniversalTime()) : null,
            };
            var name = format == HandoffFormat.DotEnv ? DotEnvTemplateName : MarkdownTemplateName;
            return TemplateRenderer.RenderMarkdown(name, options.TemplatePath, globals);
        }

        /// <summary>The gaps of a plan's handoff (empty when it is complete).</summary>
        public static IReadOnlyList<HandoffGap> Gaps(RolloutPlan plan) => new HandoffView(plan).Gaps;

        private static string Json(HandoffView h, DateTime? timestamp)
        {
            var w = new JsonText();
            w.BeginObject();
            w.Property("connector", h.Connector);
            w.Property("title", h.Title);
            w.Property("externalSystem", h.ExternalSystem);
            if (timestamp.HasValue) w.Property("renderedAt", PlanFunctions.Spell(timestamp.Value.ToUniversalTime()));
            w.Property("complete", h.Complete);
            w.Property("externalAppNeeded", h.ExternalAppNeeded);
            w.Name("externalApp").BeginArray();
            for (int i = 0; i < h.ExternalApp.Count; i++)
            {
                w.BeginObject();
                w.Property("step", i + 1);
                w.Property("action", h.ExternalApp[i]);
                w.EndObject();
            }
            w.EndArray();
            w.Name("scopes").BeginArray();
            foreach (var s in h.Scopes)
            {
                w.BeginObject();
                w.Property("name", s.Name);
                w.Property("reason", s.Reason);
                w.EndObject();
            }
            w.EndArray();
            w.Name("env").BeginArray();
            foreach (var e in h.Env)
            {
                w.BeginObject();
                w.Property("name", e.Name);
                w.Property("secret", e.Secret);
                w.Property("purpose", e.Purpose);
                w.Property("local", e.Local);
                w.Property("deploy", e.Deploy);
                w.Property("value", e.Value);
                w.EndObject();
            }
            w.EndArray();
            w.Name("migrations").BeginArray();
            for (int i = 0; i < h.Migrations.Count; i++)
            {
                w.BeginObject();
                w.Property("order", i + 1);
                w.Property("path", h.Migrations[i]);
                w.EndObject();
            }
            w.EndArray();
            w.Name("smokeTests").BeginArray();
            for (int i = 0; i < h.SmokeTests.Count; i++)
            {
                w.BeginObject();
                w.Property("step", i + 1);
                w.Property("action", h.SmokeTests[i].Action);
                w.Property("expect", h.SmokeTests[i].Expect);
                w.EndObject();
            }
            w.EndArray();
            w.Name("gaps").BeginArray();
            foreach (var g in h.Gaps)
            {
                w.BeginObject();
                w.Property("path", "handoff." + g.Path);
                w.Property("missing", g.Item);
                w.Property("subject", g.Subject);
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
            return w.ToString() + "\n";
        }
    }
}
