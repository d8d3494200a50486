"use strict";
var __assign = (this && this.__assign) || function () {
    __assign = Object.assign || function(t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
            s = arguments[i];
            for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p))
                t[p] = s[p];
        }
        return t;
    };
    return __assign.apply(this, arguments);
};
var _a, _b, _c, _d;
Object.defineProperty(exports, "__esModule", { value: true });
var node_crypto_1 = require("node:crypto");
var autocannon_1 = require("autocannon");
var base = (_a = process.argv[2]) !== null && _a !== void 0 ? _a : "http://127.0.0.1:3000";
var token = (await (await fetch("".concat(base, "/v1/auth/dev-login"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "kotra.us@teamkorea.dev" }),
})).json()).token;
var body = function () {
    return JSON.stringify({
        specversion: "1.0",
        id: (0, node_crypto_1.randomUUID)(),
        source: "KOTRA-US",
        type: "kr.teamkorea.trade.restriction.decided.v1",
        time: new Date().toISOString(),
        datacontenttype: "application/json",
        data: { country: "US", caseRef: "NOPE-".concat((0, node_crypto_1.randomUUID)().slice(0, 8)), outcome: "terminated", summary: "Commerce terminated the investigation." },
    });
};
var r = await (0, autocannon_1.default)({
    url: "".concat(base).concat((_b = process.argv[3]) !== null && _b !== void 0 ? _b : "/v1/events"),
    connections: 16,
    duration: Number((_c = process.argv[4]) !== null && _c !== void 0 ? _c : 10),
    method: ((_d = process.argv[3]) !== null && _d !== void 0 ? _d : "/v1/events") === "/v1/events" ? "POST" : "GET",
    headers: { authorization: "Bearer ".concat(token), "content-type": "application/json" },
    requests: [{ setupRequest: function (req) { var _a; return (__assign(__assign({}, req), { body: ((_a = process.argv[3]) !== null && _a !== void 0 ? _a : "/v1/events") === "/v1/events" ? body() : undefined })); } }],
});
console.log({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
