package nightly

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// InputSchema returns the JSON Schema (draft 2020-12, as OpenAPI 3.1 uses)
// of the Input document, built from the Go types: one property per JSON
// field, required unless tagged omitempty, no other properties allowed
// (ReadInput rejects unknown fields), and the unit a field's name carries
// spelt out in its description. A server can put it in its OpenAPI
// document as the body of POST /v1/plan.
func InputSchema() ([]byte, error) {
	s := schemaOf(reflect.TypeFor[Input](), "")
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["title"] = "fulfil nightly plan input"
	return json.MarshalIndent(s, "", " ")
}

// units spells out the unit suffixes of field names.
var units = [...]struct{ suffix, text string }{
	{"_s_per_kg", "seconds per kilogram"},
	{"_s", "seconds (a time of day counts from midnight of the delivery day, negative the evening before)"},
	{"_kg", "kilograms"},
	{"_m3", "cubic metres"},
	{"_m", "metres"},
	{"_kmh", "kilometres per hour"},
	{"_cny", "yuan (CNY)"},
	{"_days", "days"},
}

func schemaOf(t reflect.Type, name string) map[string]any {
	s := map[string]any{}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.PkgPath() == "fulfil/geo" && t.Name() == "Point":
		s["type"] = "array"
		s["items"] = map[string]any{"type": "number"}
		s["minItems"], s["maxItems"] = 2, 2
		s["description"] = "[longitude, latitude] in degrees, as in GeoJSON"
		return s
	}
	switch t.Kind() {
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if !f.IsExported() || tag == "-" {
				continue
			}
			key, opts, _ := strings.Cut(tag, ",")
			props[key] = schemaOf(f.Type, key)
			if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
				required = append(required, key)
			}
		}
		s["type"] = "object"
		s["properties"] = props
		s["required"] = required
		s["additionalProperties"] = false
	case reflect.Slice, reflect.Array:
		s["type"] = "array"
		s["items"] = schemaOf(t.Elem(), name)
	case reflect.String:
		s["type"] = "string"
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Int, reflect.Int32, reflect.Int64:
		s["type"] = "integer"
	case reflect.Float64:
		s["type"] = "number"
	default:
		panic(fmt.Sprintf("nightly: no schema for %v", t))
	}
	if s["type"] != "array" && s["type"] != "object" {
		for _, u := range units {
			if strings.HasSuffix(name, u.suffix) {
				s["description"] = u.text
				break
			}
		}
	}
	if name == "temperature" {
		s["enum"] = []string{Ambient, Chilled, Frozen}
	}
	return s
}
