using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>
    /// The JSON writer of the SARIF report and the handoff's Json: two-space indent, keys in the order written, '\n'
    /// line ends, strings escaped as plan files write them (PlanWriter.JsonString). No dependency: System.Text.Json's
    /// Utf8JsonWriter escapes non-ASCII text and would add its DLLs to the desktop edition.
    /// </summary>
    internal sealed class JsonText
    {
        private readonly StringBuilder sb = new StringBuilder();
        private readonly Stack<bool> first = new Stack<bool>();
        private bool afterName;

        public JsonText BeginObject() { Open('{'); return this; }
        public JsonText EndObject() { Close('}'); return this; }
        public JsonText BeginArray() { Open('['); return this; }
        public JsonText EndArray() { Close(']'); return this; }

        public JsonText Name(string name)
        {
            Separate();
            String(name);
            sb.Append(": ");
            afterName = true;
            return this;
        }

        public JsonText Property(string name, string? value) { Name(name); return Value(value); }
        public JsonText Property(string name, int value) { Name(name); Separate(); sb.Append(value.ToString(CultureInfo.InvariantCulture)); return this; }
        public JsonText Property(string name, bool value) { Name(name); Separate(); sb.Append(value ? "true" : "false"); return this; }

        public JsonText Value(string? value) { Separate(); if (value == null) sb.Append("null"); else String(value); return this; }

        private void Open(char c) { Separate(); sb.Append(c); first.Push(true); }

        private void Close(char c)
        {
            bool empty = first.Pop();
            if (!empty) { sb.Append('\n'); Indent(); }
            sb.Append(c);
        }

        private void Separate()
        {
            if (afterName) { afterName = false; return; }
            if (first.Count == 0) return;
            if (!first.Peek()) sb.Append(',');
            first.Pop(); first.Push(false);
            sb.Append('\n');
            Indent();
        }

        private void Indent() => sb.Append(' ', first.Count * 2);

        private void String(string s) => sb.Append(PlanWriter.JsonString(s));

        public override string ToString() => sb.ToString();
    }
}
