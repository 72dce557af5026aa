package server

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// schemaSet derives JSON Schemas (the dialect of OpenAPI 3.1) from Go wire
// types, the way the strict decoder reads them: json tags name the
// properties, embedded structs are flattened, unknown properties are
// refused (additionalProperties false). Fields are optional (absent means
// zero) except in the stock package, whose decoder requires every field
// without omitempty.
// Each named struct becomes one component, named by its package and type
// ("VrpStop", "WaveOptions"; server types by their own name), and is
// referenced wherever it appears.
type schemaSet struct {
	schemas map[string]map[string]any
	names   map[reflect.Type]string
}

func newSchemaSet() *schemaSet {
	return &schemaSet{schemas: map[string]map[string]any{}, names: map[reflect.Type]string{}}
}

// componentName names the component of struct type t.
func componentName(t reflect.Type) string {
	pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
	name := []rune(t.Name())
	name[0] = unicode.ToUpper(name[0])
	if pkg == "server" {
		return string(name)
	}
	p := []rune(pkg)
	p[0] = unicode.ToUpper(p[0])
	return string(p) + string(name)
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

// ref returns the schema of a value of type t: a $ref for a named struct
// (adding its component on first use), an inline schema otherwise.
func (ss *schemaSet) ref(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == rawMessage:
		return map[string]any{} // any JSON value
	case t.Kind() == reflect.Struct && t.Name() != "":
		return map[string]any{"$ref": "#/components/schemas/" + ss.component(t)}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Int64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": ss.ref(t.Elem())}
	case reflect.Array:
		return map[string]any{"type": "array", "items": ss.ref(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": ss.ref(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct: // anonymous
		return ss.object(t)
	}
	panic(fmt.Sprintf("server: no JSON schema for %v", t))
}

// component adds the schema of struct t under its name, once, and returns
// the name. Two types with one name are a programmer error.
func (ss *schemaSet) component(t reflect.Type) string {
	if name, ok := ss.names[t]; ok {
		return name
	}
	name := componentName(t)
	if _, taken := ss.schemas[name]; taken {
		panic(fmt.Sprintf("server: schema name %s of %v is taken", name, t))
	}
	ss.names[t] = name
	ss.schemas[name] = nil // reserve it: t may refer to itself
	s := ss.object(t)
	s["x-go-type"] = t.String()
	ss.schemas[name] = s
	return name
}

// object returns the schema of struct t's properties.
func (ss *schemaSet) object(t reflect.Type) map[string]any {
	strict := strings.HasSuffix(t.PkgPath(), "/solver/stock")
	props := map[string]any{}
	var required []string
	for _, f := range wireFields(t) {
		props[f.name] = ss.ref(f.typ)
		if strict && !f.omitempty {
			required = append(required, f.name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
