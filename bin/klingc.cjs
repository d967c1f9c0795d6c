#!/usr/bin/env node
"use strict";
require("./load-cli.cjs").loadCli();
