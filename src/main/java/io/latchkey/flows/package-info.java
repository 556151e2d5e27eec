/** The sign-on flow: its state machine ({@code FlowMachine}), the flows API and the hosted sign-on page; state lives in the database, never in memory. */
package io.latchkey.flows;
