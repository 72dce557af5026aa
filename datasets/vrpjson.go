package datasets

import (
	"encoding/json"
	"fmt"
	"io"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// VRPRequest is the service's routing JSON as files hold it: the body of
// POST /v1/vrp ({"input": …, "options": …}), so that a request can be
// solved from the command line as the server would.
type VRPRequest struct {
	Input   vrp.Input   `json:"input"`
	Options vrp.Options `json:"options"`
}

// ReadVRPJSONFile reads a routing JSON file; errors name the file's base
// name.
func ReadVRPJSONFile(path string) (*VRPRequest, error) {
	return openFile(path, ReadVRPJSON)
}

// ReadVRPJSON reads either a /v1/vrp body ({"input", "options"}; options
// laid over vrp.DefaultOptions) or a bare vrp.Input (default options),
// strictly (solver.DecodeJSON: unknown fields and trailing data are
// errors, each placed as "name:line:column"). name is used in errors.
func ReadVRPJSON(r io.Reader, name string) (*VRPRequest, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	var keys map[string]json.RawMessage
	if err := solver.DecodeJSON(raw, name, &keys); err != nil {
		return nil, err
	}
	req := &VRPRequest{Options: vrp.DefaultOptions()}
	dst := any(req)
	if _, wrapped := keys["input"]; !wrapped {
		dst = &req.Input
	}
	if err := solver.DecodeJSON(raw, name, dst); err != nil {
		return nil, err
	}
	return req, nil
}
