/// What a failing call looks like in each runtime's log: the exception or
/// error text real client libraries produce, for a service's own bug and for a
/// failing dependency.
enum ErrorCatalog {
    /// A bug in the service's own code, by runtime family: exception type and message.
    static func bug(_ runtime: ServiceRuntime, variant: Int) -> (type: String, message: String) {
        if runtime.isJVM {
            let all = [
                ("java.lang.NullPointerException",
                 "Cannot invoke \"com.example.session.Session.getUserId()\" because \"session\" is null"),
                ("java.lang.IllegalStateException", "Cart total does not match line items (expected 4, got 3)"),
                ("java.lang.ClassCastException",
                 "class java.lang.String cannot be cast to class java.lang.Long (java.lang.String and java.lang.Long are in module java.base of loader 'bootstrap')"),
                ("java.lang.IndexOutOfBoundsException", "Index 0 out of bounds for length 0"),
            ]
            return all[variant % all.count]
        }
        if runtime.isPython {
            let all = [("KeyError", "'customer_id'"), ("AttributeError", "'NoneType' object has no attribute 'get'"),
                       ("ValueError", "invalid literal for int() with base 10: ''"),
                       ("TypeError", "unsupported operand type(s) for +: 'int' and 'NoneType'")]
            return all[variant % all.count]
        }
        if runtime == .pino {
            let all = [("TypeError", "Cannot read properties of undefined (reading 'id')"),
                       ("RangeError", "Invalid time value"),
                       ("TypeError", "items.map is not a function"),
                       ("SyntaxError", "Unexpected token u in JSON at position 0")]
            return all[variant % all.count]
        }
        let all = [("*errors.errorString", "runtime error: invalid memory address or nil pointer dereference"),
                   ("*json.UnmarshalTypeError", "json: cannot unmarshal string into Go struct field Order.quantity of type int"),
                   ("*errors.errorString", "decode order: unexpected EOF"),
                   ("*fmt.wrapError", "price lookup: sku not found in catalog snapshot")]
        return all[variant % all.count]
    }

    /// What a client of `store` sees when its call fails, by the client's runtime
    /// and the store's state: exception type and message.
    static func dependency(_ runtime: ServiceRuntime, store: ServicePlan, state: DependencyState,
                           address: String) -> (type: String, message: String) {
        let host = store.name
        let redis = store.role == .redis
        switch (redis, state) {
        case (true, .refused):
            if runtime.isJVM { return ("org.springframework.data.redis.RedisConnectionFailureException",
                                       "Unable to connect to Redis; nested exception is io.lettuce.core.RedisConnectionException: Unable to connect to \(host):6379") }
            if runtime.isPython { return ("redis.exceptions.ConnectionError", "Error 111 connecting to \(host):6379. Connection refused.") }
            if runtime == .pino { return ("Error", "connect ECONNREFUSED \(address):6379") }
            return ("*net.OpError", "dial tcp \(address):6379: connect: connection refused")
        case (true, .loading):
            if runtime.isJVM { return ("io.lettuce.core.RedisLoadingException", "LOADING Redis is loading the dataset in memory") }
            if runtime.isPython { return ("redis.exceptions.BusyLoadingError", "Redis is loading the dataset in memory") }
            return ("ReplyError", "LOADING Redis is loading the dataset in memory")
        case (true, .maxmemory):
            let text = "OOM command not allowed when used memory > 'maxmemory'."
            if runtime.isJVM { return ("io.lettuce.core.RedisCommandExecutionException", text) }
            if runtime.isPython { return ("redis.exceptions.ResponseError", text) }
            if runtime == .pino { return ("ReplyError", text) }
            return ("redis.Error", text)
        case (true, _):
            let text = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error."
            if runtime.isJVM { return ("io.lettuce.core.RedisCommandExecutionException", text) }
            if runtime.isPython { return ("redis.exceptions.ResponseError", text) }
            if runtime == .pino { return ("ReplyError", text) }
            return ("redis.Error", text)
        case (false, .refused):
            if runtime.isJVM { return ("org.postgresql.util.PSQLException",
                                       "Connection to \(host):5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.") }
            if runtime.isPython { return ("psycopg2.OperationalError",
                                          "connection to server at \"\(host)\" (\(address)), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?") }
            if runtime == .pino { return ("Error", "connect ECONNREFUSED \(address):5432") }
            return ("*pgconn.ConnectError", "failed to connect to `host=\(host) user=app database=app`: dial error (dial tcp \(address):5432: connect: connection refused)")
        case (false, .tooManyClients):
            if runtime.isJVM { return ("org.postgresql.util.PSQLException", "FATAL: sorry, too many clients already") }
            if runtime.isPython { return ("psycopg2.OperationalError",
                                          "connection to server at \"\(host)\" (\(address)), port 5432 failed: FATAL:  sorry, too many clients already") }
            if runtime == .pino { return ("error", "sorry, too many clients already") }
            return ("*pgconn.PgError", "failed to connect to `host=\(host) user=app database=app`: server error (FATAL: sorry, too many clients already (SQLSTATE 53300))")
        case (false, .recovery):
            if runtime.isJVM { return ("org.postgresql.util.PSQLException", "FATAL: the database system is in recovery mode") }
            if runtime.isPython { return ("psycopg2.OperationalError",
                                          "connection to server at \"\(host)\" (\(address)), port 5432 failed: FATAL:  the database system is in recovery mode") }
            if runtime == .pino { return ("error", "the database system is in recovery mode") }
            return ("*pgconn.PgError", "FATAL: the database system is in recovery mode (SQLSTATE 57P03)")
        case (false, .connectionLost):
            if runtime.isJVM { return ("org.postgresql.util.PSQLException", "An I/O error occurred while sending to the backend.") }
            if runtime.isPython { return ("psycopg2.OperationalError",
                                          "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.") }
            if runtime == .pino { return ("Error", "Connection terminated unexpectedly") }
            return ("*errors.errorString", "unexpected EOF")
        case (false, _):
            let text = "could not extend file \"base/16384/24601\": No space left on device"
            if runtime.isJVM { return ("org.postgresql.util.PSQLException", "ERROR: \(text)\n  Hint: Check free disk space.") }
            if runtime.isPython { return ("psycopg2.errors.DiskFull", "\(text)\nHINT:  Check free disk space.") }
            if runtime == .pino { return ("error", text) }
            return ("*pgconn.PgError", "ERROR: \(text) (SQLSTATE 53100)")
        }
    }
}

/// How a failing data store answers a client at a given moment.
enum DependencyState: Sendable {
    case refused, loading, maxmemory, misconf, tooManyClients, recovery, connectionLost, diskFull
}
