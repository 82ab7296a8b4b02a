## The reference server's offline page (GET /offline), in the vendor's name.
