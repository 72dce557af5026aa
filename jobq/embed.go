package jobq

import (
	"fmt"
	"net"
	"strconv"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// Embedded is an in-process NATS server with JetStream, and a connection
// to it.
type Embedded struct {
	Server *natsserver.Server
	Conn   *nats.Conn
}

// Embed starts a NATS server in this process with JetStream file storage
// under dir, and connects to it. listen, when not empty ("127.0.0.1:4222"),
// also lets other processes join it; else it takes no network clients.
// Requests up to 64 MiB pass (NATS's max_payload); JetStream writes are
// flushed to disk every second, so a process crash loses nothing and a
// power loss at most the last second.
func Embed(dir, listen string) (*Embedded, error) {
	opts := &natsserver.Options{
		ServerName:   "fulfil",
		JetStream:    true,
		StoreDir:     dir,
		MaxPayload:   64 << 20,
		SyncInterval: time.Second,
		NoSigs:       true,
		NoLog:        true,
		DontListen:   listen == "",
	}
	if listen != "" {
		host, port, err := net.SplitHostPort(listen)
		if err != nil {
			return nil, fmt.Errorf("nats listen address %q: %w", listen, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("nats listen address %q: bad port", listen)
		}
		if p == 0 {
			p = natsserver.RANDOM_PORT // NATS reads 0 as its default, 4222
		}
		opts.Host, opts.Port = host, p
	}
	ns, err := natsserver.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("starting the embedded NATS server: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("the embedded NATS server did not start within 30s (store %s)", dir)
	}
	nc, err := nats.Connect(ns.ClientURL(), nats.InProcessServer(ns), nats.Name("fulfil"))
	if err != nil {
		ns.Shutdown()
		return nil, fmt.Errorf("connecting to the embedded NATS server: %w", err)
	}
	return &Embedded{Server: ns, Conn: nc}, nil
}

// URL is where other processes reach the server, when it listens.
func (e *Embedded) URL() string { return e.Server.ClientURL() }

// Close closes the connection and shuts the server down, flushing
// JetStream.
func (e *Embedded) Close() {
	e.Conn.Close()
	e.Server.Shutdown()
	e.Server.WaitForShutdown()
}
