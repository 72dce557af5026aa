package server

import (
	"bytes"
	"context"
	"time"

	"fulfil/solver"
	"fulfil/solver/stock"
)

// StockFunctions is the body of GET /v1/stock.
type StockFunctions struct {
	Functions []string `json:"functions"`
}

// prepareStock takes the body of POST /v1/stock/{function}: the function's
// inputs object, with the same names and fields as a line of `fulfil stock
// eval` ({"function": name, "inputs": body}). The stock package decodes it
// strictly itself, naming fields as they are in the object.
func prepareStock(s *Server, body []byte, prefix, fn string, limit time.Duration) (*prepared, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badRequest(rootField(prefix), "empty; want the function's inputs as a JSON object")
	}
	raw := bytes.Clone(body) // solved on a worker after fasthttp reuses body
	return &prepared{solver: "stock", deadline: limit, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := stock.EvalThreads(ctx, fn, raw, max(s.cfg.Workers, s.cfg.JobWorkers))
		if err != nil {
			return nil, nil, prefixed(err, prefix)
		}
		return out, nil, nil
	}}, nil
}
