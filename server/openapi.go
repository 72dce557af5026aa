package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"fulfil/reroute"
	"fulfil/solver/alloc"
	"fulfil/solver/stock"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
	"fulfil/vroom"
)

// openAPIPaths is the hand-written part of the OpenAPI 3.1 document served
// at /openapi.json: info, tags, paths with their descriptions and
// examples. Schemas are not written by hand: openAPI generates them from
// the wire types (openapi_schema.go) and one path per stock function from
// the template path /v1/stock/{function}. Request examples that the server
// refuses live under x-invalid-examples, apart from the valid ones.
//
//go:embed openapi_paths.json
var openAPIPaths []byte

// wireTypes are the roots of the generated schemas: every request and
// response body but the stock functions'.
var wireTypes = []reflect.Type{
	reflect.TypeFor[VRPRequest](), reflect.TypeFor[vrp.Output](), reflect.TypeFor[vroom.Input](), reflect.TypeFor[vroom.Output](),
	reflect.TypeFor[reroute.Request](), reflect.TypeFor[reroute.Answer](),
	reflect.TypeFor[WaveRequest](), reflect.TypeFor[wave.Output](), reflect.TypeFor[PickRouteRequest](), reflect.TypeFor[wave.Tour](),
	reflect.TypeFor[AllocationRequest](), reflect.TypeFor[alloc.Output](),
	reflect.TypeFor[TransferRequest](), reflect.TypeFor[alloc.TransferOutput](),
	reflect.TypeFor[PlanRequest](),
	reflect.TypeFor[StockFunctions](), reflect.TypeFor[JobRequest](), reflect.TypeFor[JobStatus](), reflect.TypeFor[JobList](), reflect.TypeFor[JobFileList](),
	reflect.TypeFor[ErrorBody](), reflect.TypeFor[statusBody](),
}

// stockTemplate is the hand-written path whose operation every stock
// function's path copies.
const stockTemplate = "/v1/stock/{function}"

// openAPI returns the served document: the hand-written paths, a path per
// stock function with its inputs and result schemas, and the schemas of
// every wire type. It fails only on a malformed hand-written part.
func openAPI() ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIPaths, &doc); err != nil {
		return nil, fmt.Errorf("reading openapi_paths.json: %w", err)
	}
	paths, _ := doc["paths"].(map[string]any)
	tmpl, _ := paths[stockTemplate].(map[string]any)
	if tmpl == nil {
		return nil, fmt.Errorf("openapi_paths.json: no template path %s", stockTemplate)
	}
	delete(paths, stockTemplate)
	ss := newSchemaSet()
	for _, t := range wireTypes {
		ss.ref(t)
	}
	for _, sig := range stock.Signatures() {
		p := "/v1/stock/" + sig.Name
		hand, _ := paths[p].(map[string]any) // examples written by hand
		op, err := stockOperation(tmpl, hand, sig, ss)
		if err != nil {
			return nil, fmt.Errorf("openapi_paths.json: %s: %w", p, err)
		}
		paths[p] = map[string]any{"post": op}
	}
	comps, _ := doc["components"].(map[string]any)
	if comps == nil {
		comps = map[string]any{}
		doc["components"] = comps
	}
	schemas, _ := comps["schemas"].(map[string]any)
	if schemas == nil {
		schemas = map[string]any{}
		comps["schemas"] = schemas
	}
	for name, s := range ss.schemas {
		if _, dup := schemas[name]; dup {
			return nil, fmt.Errorf("openapi_paths.json: schema %s is generated; do not write it by hand", name)
		}
		schemas[name] = s
	}
	return json.Marshal(doc)
}

// stockOperation copies the template's POST operation for one stock
// function: its own operation id and summary, the function's inputs and
// result schemas, no {function} parameter, and the examples of hand, the
// function's hand-written path if any.
func stockOperation(tmpl, hand map[string]any, sig stock.Signature, ss *schemaSet) (map[string]any, error) {
	var op map[string]any
	if err := deepCopy(tmpl["post"], &op); err != nil {
		return nil, err
	}
	if op == nil {
		return nil, fmt.Errorf("template has no post operation")
	}
	op["operationId"] = "stock_" + strings.ReplaceAll(sig.Name, ".", "_")
	op["summary"] = "Evaluate " + sig.Name
	var params []any
	for _, p := range asSlice(op["parameters"]) {
		if m, ok := p.(map[string]any); ok && m["in"] == "path" {
			continue
		}
		params = append(params, p)
	}
	op["parameters"] = params
	var out map[string]any
	if len(sig.Out) == 1 {
		out = ss.ref(sig.Out[0])
	} else {
		var one []any
		for _, t := range sig.Out {
			one = append(one, ss.ref(t))
		}
		out = map[string]any{"oneOf": one}
	}
	in := ss.ref(sig.In)
	handOp, _ := hand["post"].(map[string]any)
	setMedia(op, []string{"requestBody"}, in, handOp)
	setMedia(op, []string{"responses", "200"}, out, handOp)
	if handOp != nil {
		// hand-written error examples replace the template's responses
		for code, r := range asMap(handOp["responses"]) {
			if code != "200" {
				asMap(op["responses"])[code] = r
			}
		}
	}
	return op, nil
}

// setMedia sets the application/json schema of the request body or
// response at path in op, with the examples of the same place in hand.
func setMedia(op map[string]any, path []string, schema map[string]any, hand map[string]any) {
	at, from := op, hand
	for _, k := range path {
		at = asMap(at[k])
		from = asMap(from[k])
	}
	media := asMap(asMap(at["content"])["application/json"])
	media["schema"] = schema
	delete(media, "examples")
	if ex := asMap(asMap(from["content"])["application/json"])["examples"]; ex != nil {
		media["examples"] = ex
	}
	if inv := from["x-invalid-examples"]; inv != nil {
		at["x-invalid-examples"] = inv
	}
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func deepCopy(src any, dst any) error {
	b, err := json.Marshal(src)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}
