package server

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fulfil/solver"
	"fulfil/solver/alloc"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
)

// goTypes maps the x-go-type of every schema in openapi.json to its type.
var goTypes = map[string]reflect.Type{}

func init() {
	for _, t := range []reflect.Type{
		reflect.TypeFor[VRPRequest](), reflect.TypeFor[VRPOptions](), reflect.TypeFor[MatrixSource](),
		reflect.TypeFor[WaveRequest](), reflect.TypeFor[WaveOptions](), reflect.TypeFor[PickRouteRequest](),
		reflect.TypeFor[AllocationRequest](), reflect.TypeFor[AllocOptions](), reflect.TypeFor[TransferRequest](), reflect.TypeFor[TransferOptions](),
		reflect.TypeFor[StockFunctions](), reflect.TypeFor[JobRequest](), reflect.TypeFor[JobStatus](),
		reflect.TypeFor[ErrorBody](), reflect.TypeFor[ErrorDetail](), reflect.TypeFor[statusBody](),
		reflect.TypeFor[solver.Stats](), reflect.TypeFor[solver.Violation](),
		reflect.TypeFor[vrp.Input](), reflect.TypeFor[vrp.Depot](), reflect.TypeFor[vrp.Vehicle](), reflect.TypeFor[vrp.Stop](),
		reflect.TypeFor[vrp.Load](), reflect.TypeFor[vrp.TimeWindow](), reflect.TypeFor[vrp.Travel](), reflect.TypeFor[vrp.Profile](),
		reflect.TypeFor[vrp.Output](), reflect.TypeFor[vrp.Route](), reflect.TypeFor[vrp.Visit](), reflect.TypeFor[vrp.Unassigned](),
		reflect.TypeFor[vrp.TracePoint](), reflect.TypeFor[vrp.SearchSummary](), reflect.TypeFor[vrp.InitialRoute](),
		reflect.TypeFor[wave.Input](), reflect.TypeFor[wave.Layout](), reflect.TypeFor[wave.CrossAisle](), reflect.TypeFor[wave.Depot](),
		reflect.TypeFor[wave.Position](), reflect.TypeFor[wave.SKU](), reflect.TypeFor[wave.Location](), reflect.TypeFor[wave.Order](),
		reflect.TypeFor[wave.OrderLine](), reflect.TypeFor[wave.Truck](), reflect.TypeFor[wave.Cart](), reflect.TypeFor[wave.TimeModel](),
		reflect.TypeFor[wave.Output](), reflect.TypeFor[wave.Wave](), reflect.TypeFor[wave.Bound](), reflect.TypeFor[wave.Batch](),
		reflect.TypeFor[wave.Bin](), reflect.TypeFor[wave.Pick](), reflect.TypeFor[wave.LineRef](), reflect.TypeFor[wave.Slot](),
		reflect.TypeFor[wave.BinRef](), reflect.TypeFor[wave.Put](), reflect.TypeFor[wave.Tour](), reflect.TypeFor[wave.Waypoint](),
		reflect.TypeFor[alloc.Input](), reflect.TypeFor[alloc.Warehouse](), reflect.TypeFor[alloc.PickupPoint](), reflect.TypeFor[alloc.SKU](),
		reflect.TypeFor[alloc.Stock](), reflect.TypeFor[alloc.Demand](), reflect.TypeFor[alloc.Output](), reflect.TypeFor[alloc.Assignment](),
		reflect.TypeFor[alloc.Shortage](), reflect.TypeFor[alloc.Split](), reflect.TypeFor[alloc.TransferInput](), reflect.TypeFor[alloc.TransferSKU](),
		reflect.TypeFor[alloc.Position](), reflect.TypeFor[alloc.Lane](), reflect.TypeFor[alloc.TransferOutput](), reflect.TypeFor[alloc.Move](),
	} {
		pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
		goTypes[pkg+"."+t.Name()] = t
	}
}

type oaDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]oaOp            `json:"paths"`
	Components struct{ Schemas map[string]oaSchema } `json:"components"`
}

type oaOp struct {
	RequestBody *struct {
		Content map[string]oaMedia `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Content map[string]oaMedia `json:"content"`
	} `json:"responses"`
}

type oaMedia struct {
	Schema   oaSchema `json:"schema"`
	Examples map[string]struct {
		Value json.RawMessage `json:"value"`
	} `json:"examples"`
}

type oaSchema struct {
	Ref        string              `json:"$ref"`
	AllOf      []oaSchema          `json:"allOf"`
	Type       string              `json:"type"`
	Items      *oaSchema           `json:"items"`
	Properties map[string]oaSchema `json:"properties"`
	GoType     string              `json:"x-go-type"`
	Additional any                 `json:"additionalProperties"`
}

func loadDoc(t *testing.T) *oaDoc {
	t.Helper()
	var d oaDoc
	if err := json.Unmarshal(openAPIDocument, &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if d.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q, want 3.1.0", d.OpenAPI)
	}
	return &d
}

func (d *oaDoc) resolve(t *testing.T, s oaSchema) (oaSchema, string) {
	t.Helper()
	for s.Ref == "" && len(s.AllOf) == 1 {
		s = s.AllOf[0]
	}
	if s.Ref == "" {
		return s, ""
	}
	name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
	r, ok := d.Components.Schemas[name]
	if !ok {
		t.Fatalf("dangling $ref %s", s.Ref)
	}
	return r, name
}

// TestOpenAPIRoutes checks that the document lists exactly the server's
// routes and methods, and that the running server answers each of them.
func TestOpenAPIRoutes(t *testing.T) {
	d := loadDoc(t)
	want := routeList()
	for p, ms := range want {
		ops, ok := d.Paths[p]
		if !ok {
			t.Errorf("route %s is not documented", p)
			continue
		}
		var got []string
		for m := range ops {
			got = append(got, strings.ToUpper(m))
		}
		sort.Strings(got)
		ms = slices.Sorted(slices.Values(ms))
		if !slices.Equal(got, ms) {
			t.Errorf("%s: documented methods %v, served %v", p, got, ms)
		}
	}
	for p := range d.Paths {
		if _, ok := want[p]; !ok {
			t.Errorf("documented path %s is not served", p)
		}
	}
	ts := startServer(t, nil)
	for p, ops := range d.Paths {
		for m := range ops {
			path := strings.NewReplacer("{function}", "newsvendor_normal", "{id}", "none").Replace(p)
			r := ts.do(t, strings.ToUpper(m), path, []byte(`{}`))
			if r.status == 405 || (r.status == 404 && strings.Contains(string(r.body), "no route")) {
				t.Errorf("%s %s: %d %s", strings.ToUpper(m), p, r.status, r.body)
			}
		}
	}
}

// TestOpenAPISchemas checks every schema against the Go type it documents:
// the same json field names, and property types that match the fields.
func TestOpenAPISchemas(t *testing.T) {
	d := loadDoc(t)
	for name, s := range d.Components.Schemas {
		if s.GoType == "" {
			continue
		}
		gt, ok := goTypes[s.GoType]
		if !ok {
			t.Errorf("schema %s: unknown x-go-type %q", name, s.GoType)
			continue
		}
		checkSchema(t, d, name, oaSchema{Ref: "#/components/schemas/" + name}, gt)
	}
}

func checkSchema(t *testing.T, d *oaDoc, where string, s oaSchema, gt reflect.Type) {
	t.Helper()
	s, ref := d.resolve(t, s)
	for gt.Kind() == reflect.Pointer {
		gt = gt.Elem()
	}
	if gt == reflect.TypeFor[json.RawMessage]() {
		return
	}
	kindOK := map[string][]reflect.Kind{
		"string":  {reflect.String},
		"boolean": {reflect.Bool},
		"integer": {reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64},
		"number":  {reflect.Float32, reflect.Float64},
		"array":   {reflect.Slice, reflect.Array},
		"object":  {reflect.Struct, reflect.Map},
	}
	ks, ok := kindOK[s.Type]
	if !ok || !slices.Contains(ks, gt.Kind()) {
		if !(s.Type == "object" && gt.Kind() == reflect.Struct) && !(s.Type == "" && gt.Kind() == reflect.Interface) {
			t.Errorf("%s: schema type %q for Go %v", where, s.Type, gt)
			return
		}
	}
	switch gt.Kind() {
	case reflect.Slice, reflect.Array:
		if s.Items == nil {
			t.Errorf("%s: array without items", where)
			return
		}
		checkSchema(t, d, where+"[]", *s.Items, gt.Elem())
	case reflect.Struct:
		if ref == "" {
			t.Errorf("%s: struct %v inline, want a $ref", where, gt)
			return
		}
		if goType := goTypes[s.GoType]; goType != gt {
			t.Errorf("%s: $ref %s documents %s, field is %v", where, ref, s.GoType, gt)
			return
		}
		if s.Additional != false {
			t.Errorf("%s: additionalProperties must be false: the decoder rejects unknown fields", ref)
		}
		fields := jsonFields(gt)
		for name, ft := range fields {
			ps, ok := s.Properties[name]
			if !ok {
				t.Errorf("%s: field %q is not documented", ref, name)
				continue
			}
			if where == ref { // each struct's own fields once; nested refs are checked at their own schema
				checkSchema(t, d, ref+"."+name, ps, ft)
			}
		}
		for name := range s.Properties {
			if _, ok := fields[name]; !ok {
				t.Errorf("%s: documented property %q does not exist in %v", ref, name, gt)
			}
		}
	}
}

// TestOpenAPIExamples sends every request example to a live server and
// checks the answer against the response example of the same name: the
// status, and for errors the code, field and message. Example values
// decode strictly into the documented Go types.
func TestOpenAPIExamples(t *testing.T) {
	d := loadDoc(t)
	ts := startServer(t, nil)
	decodeAs := func(where string, s oaSchema, raw []byte) {
		s, _ = d.resolve(t, s)
		gt, ok := goTypes[s.GoType]
		if !ok {
			return // free-form stock objects
		}
		v := reflect.New(gt).Interface()
		if err := ts.s.codec.decode(raw, v, ""); err != nil {
			t.Errorf("%s: example does not decode as %v: %v", where, gt, err)
		}
	}
	n := 0
	for p, ops := range d.Paths {
		for m, op := range ops {
			for code, resp := range op.Responses {
				for ct, media := range resp.Content {
					for name, ex := range media.Examples {
						if ct == "application/json" {
							decodeAs(fmt.Sprintf("%s %s %s %s", m, p, code, name), media.Schema, ex.Value)
						}
					}
				}
			}
			if op.RequestBody == nil {
				continue
			}
			media := op.RequestBody.Content["application/json"]
			for name, ex := range media.Examples {
				n++
				where := fmt.Sprintf("%s %s example %s", m, p, name)
				path := strings.ReplaceAll(p, "{function}", "newsvendor_normal")
				r := ts.do(t, strings.ToUpper(m), path, ex.Value)
				var want *oaMedia
				for code, resp := range op.Responses {
					if mm, ok := resp.Content["application/json"]; ok {
						if _, ok := mm.Examples[name]; ok {
							if c, _ := strconv.Atoi(code); c != r.status {
								t.Errorf("%s: status %d, documented %s: %s", where, r.status, code, r.body)
							}
							want = &mm
						}
					}
				}
				if want == nil {
					t.Errorf("%s: no response example of that name", where)
					continue
				}
				decodeAs(where+" (live answer)", want.Schema, r.body)
				if r.status < 300 {
					decodeAs(where, media.Schema, ex.Value)
				} else {
					var got, doc ErrorBody
					strictJSON(t, r.body, &got)
					strictJSON(t, want.Examples[name].Value, &doc)
					if got.Error.Code != doc.Error.Code || got.Error.Field != doc.Error.Field || got.Error.Message != doc.Error.Message {
						t.Errorf("%s: answered %+v, documented %+v", where, got.Error, doc.Error)
					}
				}
			}
		}
	}
	if n < 15 {
		t.Errorf("only %d request examples", n)
	}
}
