package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"fulfil/reroute"
)

// runReroute answers a re-route request file (the body of POST
// /v1/reroute) with the same JSON the server gives.
func runReroute(ctx context.Context, e env) error {
	fs := newFlags(e, "reroute", "FILE")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one request FILE (or - for stdin), got %d arguments", errUsage, fs.NArg())
	}
	body, err := readArg(e, fs.Arg(0))
	if err != nil {
		return err
	}
	var rq reroute.Request
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rq); err != nil {
		return fmt.Errorf("reading %s: %w", fs.Arg(0), err)
	}
	ans, err := reroute.Reroute(ctx, &rq)
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, ans)
}
