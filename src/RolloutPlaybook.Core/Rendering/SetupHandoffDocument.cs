using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Rendering.Documents;
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
                    throw new Errors.RolloutException("TemplateNotSupported", Errors.RolloutErrorKind.InvalidArgument,
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
            w.Open('{');
            w.Key("connector").String(h.Connector);
            w.Key("title").String(h.Title);
            w.Key("externalSystem").String(h.ExternalSystem);
            if (timestamp.HasValue) w.Key("renderedAt").String(PlanFunctions.Spell(timestamp.Value.ToUniversalTime()));
            w.Key("complete").Bool(h.Complete);
            w.Key("externalAppNeeded").Bool(h.ExternalAppNeeded);
            w.Key("externalApp").Open('[');
            for (int i = 0; i < h.ExternalApp.Count; i++)
            {
                w.Item().Open('{');
                w.Key("step").Number(i + 1);
                w.Key("action").String(h.ExternalApp[i]);
                w.Close('}');
            }
            w.Close(']');
            w.Key("scopes").Open('[');
            foreach (var s in h.Scopes)
            {
                w.Item().Open('{');
                w.Key("name").String(s.Name);
                w.Key("reason").String(s.Reason);
                w.Close('}');
            }
            w.Close(']');
            w.Key("env").Open('[');
            foreach (var e in h.Env)
            {
                w.Item().Open('{');
                w.Key("name").String(e.Name);
                w.Key("secret").Bool(e.Secret);
                w.Key("purpose").String(e.Purpose);
                w.Key("local").String(e.Local);
                w.Key("deploy").String(e.Deploy);
                w.Key("value").String(e.Value);
                w.Close('}');
            }
            w.Close(']');
            w.Key("migrations").Open('[');
            for (int i = 0; i < h.Migrations.Count; i++)
            {
                w.Item().Open('{');
                w.Key("order").Number(i + 1);
                w.Key("path").String(h.Migrations[i]);
                w.Close('}');
            }
            w.Close(']');
            w.Key("smokeTests").Open('[');
            for (int i = 0; i < h.SmokeTests.Count; i++)
            {
                w.Item().Open('{');
                w.Key("step").Number(i + 1);
                w.Key("action").String(h.SmokeTests[i].Action);
                w.Key("expect").String(h.SmokeTests[i].Expect);
                w.Close('}');
            }
            w.Close(']');
            w.Key("gaps").Open('[');
            foreach (var g in h.Gaps)
            {
                w.Item().Open('{');
                w.Key("path").String("handoff." + g.Path);
                w.Key("missing").String(g.Item);
                w.Key("subject").String(g.Subject);
                w.Close('}');
            }
            w.Close(']');
            w.Close('}');
            return w.ToString() + "\n";
        }

        /// <summary>A small pretty-printing JSON writer: two-space indent, keys in the order written, <c>\n</c> line endings.</summary>
        private sealed class JsonText
        {
            private readonly StringBuilder sb = new StringBuilder();
            private readonly Stack<bool> first = new Stack<bool>();
            private bool pendingValue;

            public JsonText Key(string name)
            {
                Separator();
                sb.Append(PlanWriter.JsonString(name)).Append(": ");
                pendingValue = true;
                return this;
            }

            public JsonText Item()
            {
                Separator();
                pendingValue = true;
                return this;
            }

            public JsonText Open(char bracket)
            {
                if (!pendingValue && first.Count > 0) Separator();
                pendingValue = false;
                sb.Append(bracket);
                first.Push(true);
                return this;
            }

            public JsonText Close(char bracket)
            {
                bool empty = first.Pop();
                if (!empty) sb.Append('\n').Append(' ', first.Count * 2);
                sb.Append(bracket);
                return this;
            }

            public JsonText String(string? value) => Raw(value == null ? "null" : PlanWriter.JsonString(value));
            public JsonText Bool(bool value) => Raw(value ? "true" : "false");
            public JsonText Number(int value) => Raw(value.ToString(CultureInfo.InvariantCulture));

            private JsonText Raw(string text)
            {
                sb.Append(text);
                pendingValue = false;
                return this;
            }

            private void Separator()
            {
                if (first.Count == 0) return;
                if (!first.Pop()) sb.Append(',');
                first.Push(false);
                sb.Append('\n').Append(' ', first.Count * 2);
            }

            public override string ToString() => sb.ToString();
        }
    }
}
