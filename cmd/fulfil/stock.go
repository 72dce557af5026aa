package main

import (
	"context"
	"fmt"
	"strings"

	"fulfil/solver/stock"
)

func runStock(ctx context.Context, e env) error {
	fs := newFlags(e, "stock", "eval  (reads JSON lines {\"function\": ..., \"inputs\": {...}} on stdin)")
	if err := parse(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) != "eval" {
		return fmt.Errorf("%w: want the subcommand eval; functions: %s", errUsage, strings.Join(stock.Functions(), ", "))
	}
	return stock.EvalLines(ctx, e.stdin, e.stdout)
}
