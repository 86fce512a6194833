//! A small HTTP/1.1 server on 127.0.0.1 for the tests of commands that reach the web: it reads
//! each request's line and headers and lets the test write the answer, a thread per
//! connection, as many requests per connection as the answers allow.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};

/// A request the server read.
#[derive(Debug, Clone)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The path asked for (`/ok`).
    pub path: String,
    /// Its `Host` header (`127.0.0.1:PORT`).
    pub host: String,
}

/// Starts a server whose `answer` writes the response to each request, and says whether the
/// connection stays open for another; its address (`http://127.0.0.1:PORT`).
pub fn serve(answer: impl Fn(&Request, &mut TcpStream) -> bool + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                while let Some(request) = read_request(&mut reader) {
                    if !answer(&request, &mut stream) {
                        return;
                    }
                }
            });
        }
    });
    address
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut host = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("host")
        {
            host = value.trim().to_string();
        }
    }
    let mut parts = line.split_whitespace();
    Some(Request {
        method: parts.next().unwrap_or("").to_string(),
        path: parts.next().unwrap_or("/").to_string(),
        host,
    })
}
