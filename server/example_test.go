package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"fulfil/server"
)

// A server on a loopback port answers one inventory call, then shuts down.
func Example() {
	cfg := server.DefaultConfig()
	s, err := server.New(cfg)
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	for !s.Ready() {
		time.Sleep(time.Millisecond)
	}

	body := `{"holding_cost": 1, "stockout_cost": 4, "demand_mean": 100, "demand_sd": 20}`
	res, err := http.Post("http://"+ln.Addr().String()+"/v1/stock/newsvendor_normal", "application/json", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	var out struct {
		BaseStockLevel float64 `json:"base_stock_level"`
	}
	json.NewDecoder(res.Body).Decode(&out)
	res.Body.Close()
	fmt.Printf("%d base stock %.2f\n", res.StatusCode, out.BaseStockLevel)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fmt.Println(s.Shutdown(ctx), <-done)
	// Output:
	// 200 base stock 116.83
	// <nil> <nil>
}
