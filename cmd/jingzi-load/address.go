package main

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// The tool only ever talks to the machine it runs on: the address it is given
// must be a loopback literal, and the dialer refuses any other peer, so that
// neither a typo nor a redirect can turn it against someone else's server.

// baseURL checks a HOST:PORT on the loopback interface and returns http://HOST:PORT.
func baseURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(strings.TrimSpace(addr))
	if err != nil || port == "" {
		return "", fmt.Errorf("地址“%s”格式不正确，应为 127.0.0.1:端口 或 [::1]:端口。", addr)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !isLoopback(ip) {
		return "", fmt.Errorf("只允许对本机回环地址（127.0.0.0/8 或 ::1）进行压力测试，“%s”不在此范围内。", host)
	}
	return "http://" + net.JoinHostPort(ip.Unmap().String(), port), nil
}

// isLoopback reports whether ip is in 127.0.0.0/8 or is ::1 (an IPv4-mapped
// 127.x address counts as IPv4).
func isLoopback(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.As4()[0] == 127
	}
	return ip == netip.IPv6Loopback()
}

// loopbackDialer connects only to loopback peers, whatever a URL says.
func loopbackDialer() *net.Dialer {
	return &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip, err := netip.ParseAddr(host); err != nil || !isLoopback(ip) {
				return fmt.Errorf("拒绝连接非本机地址 %s", address)
			}
			return nil
		},
	}
}
