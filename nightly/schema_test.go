package nightly_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fulfil/nightly"
)

// conforms reports where doc breaks schema: the subset of JSON Schema
// InputSchema uses (type, properties, required, additionalProperties,
// items, min/maxItems, enum).
func conforms(doc any, s map[string]any, path string) []string {
	var bad []string
	switch s["type"] {
	case "object":
		m, ok := doc.(map[string]any)
		if !ok {
			return []string{path + ": not an object"}
		}
		props := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := m[r.(string)]; !ok {
				bad = append(bad, fmt.Sprintf("%s.%s: required, missing", path, r))
			}
		}
		for k, v := range m {
			ps, ok := props[k]
			if !ok {
				bad = append(bad, fmt.Sprintf("%s.%s: not in the schema", path, k))
				continue
			}
			bad = append(bad, conforms(v, ps.(map[string]any), path+"."+k)...)
		}
	case "array":
		a, ok := doc.([]any)
		if !ok {
			return []string{path + ": not an array"}
		}
		if n, ok := s["minItems"].(float64); ok && float64(len(a)) < n {
			bad = append(bad, path+": too few items")
		}
		for i, v := range a {
			bad = append(bad, conforms(v, s["items"].(map[string]any), fmt.Sprintf("%s[%d]", path, i))...)
		}
	case "string":
		x, ok := doc.(string)
		if !ok {
			return []string{path + ": not a string"}
		}
		if e, ok := s["enum"].([]any); ok && !slices.Contains(e, any(x)) {
			bad = append(bad, path+": not in the enum")
		}
	case "integer":
		if x, ok := doc.(float64); !ok || x != math.Trunc(x) {
			bad = append(bad, path+": not an integer")
		}
	case "number":
		if _, ok := doc.(float64); !ok {
			bad = append(bad, path+": not a number")
		}
	case "boolean":
		if _, ok := doc.(bool); !ok {
			bad = append(bad, path+": not a boolean")
		}
	}
	return bad
}

// TestInputSchema checks the example input against the schema, and that
// the schema turns away a document with an unknown field as ReadInput does.
func TestInputSchema(t *testing.T) {
	b, err := nightly.InputSchema()
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	// The copy in the examples stays in step with the types.
	path := filepath.Join(exampleDir, "input.schema.json")
	if *update {
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if kept, err := os.ReadFile(path); err != nil || string(kept) != string(b)+"\n" {
		t.Errorf("%s is not InputSchema (%v): go test ./nightly -run TestInputSchema -update", path, err)
	}
	raw, err := os.ReadFile(filepath.Join(exampleDir, "input.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if bad := conforms(doc, schema, "input"); len(bad) > 0 {
		t.Errorf("the example breaks the schema: %v", bad[:min(len(bad), 10)])
	}
	doc["trucks"].([]any)[0].(map[string]any)["pickers_count"] = 3
	if bad := conforms(doc, schema, "input"); len(bad) != 1 || bad[0] != "input.trucks[0].pickers_count: not in the schema" {
		t.Errorf("got %v, want the unknown field named", bad)
	}
	unload := schema["properties"].(map[string]any)["travel"].(map[string]any)["properties"].(map[string]any)["unload_s_per_kg"].(map[string]any)
	if unload["description"] != "seconds per kilogram" {
		t.Errorf("unload_s_per_kg: description %q", unload["description"])
	}
}
