package stock

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"

	"fulfil/solver"
)

// decodeInput decodes the JSON object raw into dst, a pointer to a struct,
// strictly: keys must equal json tags exactly (case included), unknown keys
// are errors, fields whose tag lacks omitempty are required, and a value of
// the wrong type is reported under its field path. Embedded structs are
// flattened as encoding/json does; nested structs and slices of structs are
// decoded the same way with paths like "nodes[2].h".
func decodeInput(raw []byte, dst any) error {
	var v solver.Violations
	decodeStruct(raw, reflect.ValueOf(dst).Elem(), "", &v)
	return v.Err()
}

type fieldInfo struct {
	name     string
	index    []int
	required bool
}

func structFields(t reflect.Type) []fieldInfo {
	var out []fieldInfo
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for _, sub := range structFields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, fieldInfo{name: name, index: []int{i}, required: !strings.Contains(opts, "omitempty")})
	}
	return out
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func decodeStruct(raw []byte, rv reflect.Value, path string, v *solver.Violations) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		field := path
		if field == "" {
			field = "inputs"
		}
		v.Add(field, "must be a JSON object")
		return
	}
	fields := structFields(rv.Type())
	known := make(map[string]bool, len(fields))
	for _, f := range fields {
		known[f.name] = true
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			v.Add(joinPath(path, k), "unknown field")
		}
	}
	for _, f := range fields {
		p := joinPath(path, f.name)
		val, ok := obj[f.name]
		if !ok || string(val) == "null" {
			if f.required {
				v.Add(p, "missing required field")
			}
			continue
		}
		decodeValue(val, rv.FieldByIndex(f.index), p, v)
	}
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func decodeValue(raw []byte, fv reflect.Value, path string, v *solver.Violations) {
	t := fv.Type()
	switch {
	case t.Kind() == reflect.Struct && !reflect.PointerTo(t).Implements(unmarshalerType):
		decodeStruct(raw, fv, path, v)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && !t.Implements(unmarshalerType):
		p := reflect.New(t.Elem())
		decodeStruct(raw, p.Elem(), path, v)
		fv.Set(p)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			v.Add(path, "must be an array of objects")
			return
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			decodeStruct(it, s.Index(i), fmt.Sprintf("%s[%d]", path, i), v)
		}
		fv.Set(s)
	default:
		if err := json.Unmarshal(raw, fv.Addr().Interface()); err != nil {
			got := strings.TrimSpace(string(raw))
			if len(got) > 40 {
				got = got[:40] + "..."
			}
			v.Add(path, "must be %s, got %s", typeWord(t), got)
		}
	}
}

func typeWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(typeWord(t.Elem()), "a "), "an ") + "s"
	case reflect.Map:
		return "an object of " + strings.TrimPrefix(strings.TrimPrefix(typeWord(t.Elem()), "a "), "an ") + "s"
	case reflect.Pointer:
		return typeWord(t.Elem())
	}
	return t.String()
}

// check collects validation violations with the messages used across the
// package.
type check struct{ v solver.Violations }

func (c *check) add(field, format string, args ...any) { c.v.Add(field, format, args...) }

func (c *check) err() error { return c.v.Err() }

// finite reports whether x is finite and records a violation if not.
func (c *check) finite(field string, x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		c.add(field, "must be a finite number, got %g", x)
		return false
	}
	return true
}

func (c *check) positive(field string, x float64) {
	if c.finite(field, x) && x <= 0 {
		c.add(field, "must be > 0, got %g", x)
	}
}

func (c *check) nonneg(field string, x float64) {
	if c.finite(field, x) && x < 0 {
		c.add(field, "must be >= 0, got %g", x)
	}
}

func (c *check) open01(field string, x float64) {
	if c.finite(field, x) && !(x > 0 && x < 1) {
		c.add(field, "must be in (0, 1), got %g", x)
	}
}

func (c *check) closed01(field string, x float64) {
	if c.finite(field, x) && !(x >= 0 && x <= 1) {
		c.add(field, "must be in [0, 1], got %g", x)
	}
}

func (c *check) nonnegAll(field string, xs []float64) {
	for i, x := range xs {
		c.nonneg(fmt.Sprintf("%s[%d]", field, i), x)
	}
}

func (c *check) finiteAll(field string, xs []float64) {
	for i, x := range xs {
		c.finite(fmt.Sprintf("%s[%d]", field, i), x)
	}
}
