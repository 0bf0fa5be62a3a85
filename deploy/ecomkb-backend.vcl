# Where gunicorn listens (`make serve`'s PORT). `make serve-cached` writes its own copy of this file.
backend app {
    .host = "127.0.0.1";
    .port = "8001";
    .first_byte_timeout = 35s;  # gunicorn's timeout is 30 s
}
