package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fulfil/solver/stock"
)

// goTypes maps the x-go-type of every generated schema to its type.
var goTypes = func() map[string]reflect.Type {
	ss := newSchemaSet()
	for _, t := range wireTypes {
		ss.ref(t)
	}
	for _, sig := range stock.Signatures() {
		ss.ref(sig.In)
		for _, o := range sig.Out {
			ss.ref(o)
		}
	}
	m := map[string]reflect.Type{}
	for t := range ss.names {
		m[t.String()] = t
	}
	return m
}()

type oaDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]oaOp            `json:"paths"`
	Components struct{ Schemas map[string]oaSchema } `json:"components"`
}

type oaOp struct {
	RequestBody *struct {
		Content map[string]oaMedia `json:"content"`
		// Invalid holds request examples the server refuses.
		Invalid map[string]struct {
			Value json.RawMessage `json:"value"`
		} `json:"x-invalid-examples"`
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
	OneOf      []oaSchema          `json:"oneOf"`
	Type       string              `json:"type"`
	Items      *oaSchema           `json:"items"`
	Properties map[string]oaSchema `json:"properties"`
	GoType     string              `json:"x-go-type"`
	Additional any                 `json:"additionalProperties"`
}

func loadDoc(t *testing.T) *oaDoc {
	t.Helper()
	doc, err := openAPI()
	if err != nil {
		t.Fatal(err)
	}
	var d oaDoc
	if err := json.Unmarshal(doc, &d); err != nil {
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
		if p == stockTemplate {
			ops, ok = d.Paths["/v1/stock/"+stock.Functions()[0]]
		}
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
	stockPaths := 0
	for p := range d.Paths {
		if fn, ok := strings.CutPrefix(p, "/v1/stock/"); ok && slices.Contains(stock.Functions(), fn) {
			stockPaths++
			continue
		}
		if _, ok := want[p]; !ok {
			t.Errorf("documented path %s is not served", p)
		}
	}
	if stockPaths != len(stock.Functions()) {
		t.Errorf("%d stock paths documented, %d functions served", stockPaths, len(stock.Functions()))
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
		if len(s.OneOf) > 0 {
			return // a stock result of one of several types
		}
		s, _ = d.resolve(t, s)
		gt, ok := goTypes[s.GoType]
		if !ok {
			t.Errorf("%s: schema %+v documents no Go type", where, s)
			return
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
			examples := map[string]json.RawMessage{}
			for name, ex := range media.Examples {
				examples[name] = ex.Value
			}
			for name, ex := range op.RequestBody.Invalid {
				if _, dup := examples[name]; dup {
					t.Errorf("%s %s: example %s is both valid and invalid", m, p, name)
				}
				examples[name] = ex.Value
			}
			for name, exValue := range examples {
				_, valid := media.Examples[name]
				n++
				where := fmt.Sprintf("%s %s example %s", m, p, name)
				r := ts.do(t, strings.ToUpper(m), p, exValue)
				if valid != (r.status < 300) {
					t.Errorf("%s: status %d, but listed as valid %v", where, r.status, valid)
				}
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
					decodeAs(where, media.Schema, exValue)
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

// TestOpenAPIStockSchemas: every stock function has its own path whose
// request and 200 schemas are the components of its inputs and result
// types, and the served document is the generated one.
func TestOpenAPIStockSchemas(t *testing.T) {
	d := loadDoc(t)
	for _, sig := range stock.Signatures() {
		p := "/v1/stock/" + sig.Name
		op, ok := d.Paths[p]["post"]
		if !ok || op.RequestBody == nil {
			t.Errorf("%s: not documented", p)
			continue
		}
		in, _ := d.resolve(t, op.RequestBody.Content["application/json"].Schema)
		if in.GoType != sig.In.String() {
			t.Errorf("%s: request schema documents %q, inputs are %v", p, in.GoType, sig.In)
		}
		out := op.Responses["200"].Content["application/json"].Schema
		alts := out.OneOf
		if len(alts) == 0 {
			alts = []oaSchema{out}
		}
		if len(alts) != len(sig.Out) {
			t.Errorf("%s: %d result schemas for %d types", p, len(alts), len(sig.Out))
			continue
		}
		for i, a := range alts {
			if r, _ := d.resolve(t, a); r.GoType != sig.Out[i].String() {
				t.Errorf("%s: result schema documents %q, result is %v", p, r.GoType, sig.Out[i])
			}
		}
	}
	ts := startServer(t, nil)
	r := ts.do(t, "GET", "/openapi.json", nil)
	want, err := openAPI()
	if err != nil {
		t.Fatal(err)
	}
	if r.status != 200 || !bytes.Equal(r.body, want) {
		t.Errorf("GET /openapi.json: %d, %d bytes; want the %d generated", r.status, len(r.body), len(want))
	}
}

// TestOpenAPILint runs Redocly's linter with its recommended rules on the
// served document when npx is installed (it fetches @redocly/cli once);
// -short skips it.
func TestOpenAPILint(t *testing.T) {
	npx, err := exec.LookPath("npx")
	if err != nil || testing.Short() {
		t.Skip("needs npx and no -short")
	}
	doc, err := openAPI()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(npx, "--yes", "@redocly/cli@2", "lint", "--extends", "recommended", "--format", "summary", path).CombinedOutput()
	if err != nil {
		t.Fatalf("redocly lint: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
