/// Renders an `AppRecord` the way an application's runtime and logging library
/// print it by default, stack traces included.
struct AppFormatter {
    let runtime: ServiceRuntime
    let service: String
    let offset: UTCOffset
    let hostname: String
    /// Python: `logging.basicConfig()`'s default `LEVEL:name:message`, no time
    /// (drawn only where the transport stamps a time).
    let pythonBasicConfig: Bool
    /// The JVM's main class package (`com.example.auth`).
    let package: String

    /// A pretty class-like name for the service: `auth-service` → `AuthService`.
    var className: String {
        service.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func write(_ record: AppRecord, at time: LogInstant, pid: Int, thread: String, to buffer: inout LineBuffer) {
        switch runtime {
        case .springBoot2:
            SpringBootLine(time: time, offset: offset, level: jvmLevel(record.level), pid: pid, thread: thread,
                           logger: record.logger, message: textMessage(record),
                           throwable: record.exception.map(javaStack)).write(to: &buffer)
        case .springBoot3:
            SpringBoot3Line(time: time, offset: offset, level: jvmLevel(record.level), pid: pid, application: service,
                            thread: thread, logger: record.logger, message: textMessage(record),
                            throwable: record.exception.map(javaStack)).write(to: &buffer)
        case .logback:
            LogbackISOLine(time: time, offset: offset, level: jvmLevel(record.level), thread: thread,
                           logger: String(record.logger.split(separator: ".").last ?? ""),
                           message: textMessage(record), throwable: record.exception.map(javaStack)).write(to: &buffer)
        case .gunicorn:
            let level = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"][record.level.rawValue]
            if pythonBasicConfig {
                buffer.append(level)
                buffer.append(byte: UInt8(ascii: ":"))
                buffer.append(record.logger)
                buffer.append(byte: UInt8(ascii: ":"))
                buffer.append(textMessage(record))
            } else {
                buffer.appendISO8601(time, offset: offset, fractionDigits: 3, offsetStyle: .none,
                                     separator: UInt8(ascii: " "), fractionSeparator: UInt8(ascii: ","))
                buffer.append(byte: UInt8(ascii: " "))
                buffer.append(level)
                buffer.append(" [")
                buffer.append(record.logger)
                buffer.append("] ")
                buffer.append(textMessage(record))
            }
            if let exception = record.exception {
                buffer.newline()
                buffer.append(pythonTraceback(exception))
            }
        case .structlog:
            var fields = record.fields
            if let exception = record.exception {
                fields.append(("exception", .string(pythonTraceback(exception))))
            }
            StructlogLine(time: time, level: ["debug", "info", "warning", "error", "critical"][record.level.rawValue],
                          logger: record.logger, event: record.message).write(to: &buffer) { inner in
                inner.appendJSONFields(fields, spaced: true)
            }
        case .pino:
            var fields = record.fields
            if let exception = record.exception {
                fields.append(("err", .object([
                    ("type", .string(exception.type)), ("message", .string(exception.message)),
                    ("stack", .string(nodeStack(exception))),
                ])))
            }
            PinoLine(level: [20, 30, 40, 50, 60][record.level.rawValue], time: time, pid: pid, hostname: hostname,
                     message: record.message).write(to: &buffer) { inner in inner.appendJSONFields(fields) }
        case .zap:
            var fields = record.fields
            if let exception = record.exception { fields.append(("error", .string(exception.message))) }
            if record.level.rawValue >= AppRecord.Level.error.rawValue {
                fields.append(("stacktrace", .string(goStack(record.logger))))
            }
            ZapLine(level: ["debug", "info", "warn", "error", "fatal"][record.level.rawValue], time: time,
                    caller: record.logger, message: record.message).write(to: &buffer) { inner in
                inner.appendJSONFields(fields)
            }
        case .logfmt:
            LogfmtLine(time: time, caller: record.logger,
                       level: ["debug", "info", "warn", "error", "error"][record.level.rawValue],
                       message: record.message).write(to: &buffer) { inner in
                inner.appendLogfmtFields(record.fields)
                if let exception = record.exception { inner.appendLogfmtPair("err", exception.message) }
            }
        case .klog:
            var message = LineBuffer()
            message.appendJSONString(record.message)
            for (key, value) in record.fields {
                message.append(" \(key)=")
                switch value {
                case let .string(text): message.appendJSONString(text)
                case let .int(number): message.append(number)
                case let .double(number, places): message.append(number, places: places)
                case .nested: message.append("{}")
                }
            }
            if let exception = record.exception {
                message.append(" err=")
                message.appendJSONString(exception.message)
            }
            KlogLine(severity: ["I", "I", "W", "E", "F"][record.level.rawValue], time: time, threadID: pid,
                     source: record.logger, message: String(decoding: message.bytes, as: UTF8.self)).write(to: &buffer)
        default:
            buffer.append(record.message)
        }
    }

    /// A text format's message: the message, then `key=value` for each field.
    private func textMessage(_ record: AppRecord) -> String {
        guard !record.fields.isEmpty else { return record.message }
        var buffer = LineBuffer()
        buffer.append(record.message)
        buffer.appendLogfmtFields(record.fields)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private func jvmLevel(_ level: AppRecord.Level) -> String {
        ["DEBUG", "INFO", "WARN", "ERROR", "ERROR"][level.rawValue]
    }

    private func javaStack(_ exception: (type: String, message: String)) -> String {
        let base = package
        let frames = [
            "\(base).web.\(className)Controller.handle(\(className)Controller.java:\(88 + exception.type.count))",
            "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
            "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
            "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)",
            "org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)",
            "org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)",
            "java.base/java.lang.Thread.run(Thread.java:1583)",
        ]
        return JavaThrowable(header: "\(exception.type): \(exception.message)", frames: frames, elided: 0).text
    }

    private func pythonTraceback(_ exception: (type: String, message: String)) -> String {
        let module = service.replacingHyphens
        return """
            Traceback (most recent call last):
              File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1473, in wsgi_app
                response = self.full_dispatch_request()
              File "/app/\(module)/views.py", line \(40 + exception.type.count), in handle
                result = service.process(payload)
              File "/app/\(module)/service.py", line \(110 + exception.message.count % 50), in process
                return self.store.fetch(key)
            \(exception.type): \(exception.message)
            """
    }

    private func nodeStack(_ exception: (type: String, message: String)) -> String {
        "\(exception.type): \(exception.message)\n    at Object.handler (/app/src/routes/\(service).js:\(40 + exception.message.count % 90):17)\n"
            + "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
            + "    at async /app/node_modules/fastify/lib/wrapHooks.js:121:7"
    }

    private func goStack(_ caller: String) -> String {
        let module = service.replacingHyphens
        return "github.com/example/\(service)/internal/server.(*Server).handle\n\t/src/internal/server/\(caller)\n"
            + "net/http.HandlerFunc.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:2166\n"
            + "github.com/example/\(service)/internal/\(module).Middleware.func1\n\t/src/internal/\(module)/middleware.go:41"
    }
}

extension String {
    /// `auth-service` → `auth_service`, as a Python package or Go module would spell it.
    var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }
}
