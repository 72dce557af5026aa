// Command fulfil plans community group-buying fulfilment: vehicle routing,
// wave picking, warehouse allocation and safety stock, from the command line
// or as an HTTP service.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
