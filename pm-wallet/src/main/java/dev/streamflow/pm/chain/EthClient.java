package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * JSON-RPC access to one node: typed reads, {@code eth_call} with ABI decoding, gas estimation and raw
 * transaction submission. Every failure becomes a {@link ChainException} that says what was attempted;
 * a revert becomes a {@link ContractRevertedException} with the contract's reason.
 */
public final class EthClient implements AutoCloseable {
    private static final String ERROR_SELECTOR = "0x08c379a0"; // Error(string)
    private static final String REVERT_PREFIX = "execution reverted";

    private final Web3jService service;
    private final Web3j web3;
    private final String endpoint;

    public EthClient(Web3jService service, String endpoint) {
        this.service = service;
        this.web3 = Web3j.build(service);
        this.endpoint = endpoint;
    }

    /** An HTTP(S) JSON-RPC endpoint with {@code timeout} for connecting and for each answer. */
    public static EthClient connect(String url, Duration timeout) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("the Ethereum RPC URL must start with http:// or https://, got " + url);
        }
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout.multipliedBy(2))
                .build();
        return new EthClient(new HttpService(url, http), url);
    }

    public String endpoint() {
        return endpoint;
    }

    public long chainId() {
        return send(web3.ethChainId(), "eth_chainId").getChainId().longValueExact();
    }

    public BigInteger gasPrice() {
        return send(web3.ethGasPrice(), "eth_gasPrice").getGasPrice();
    }

    public BigInteger balance(Address account) {
        return send(web3.ethGetBalance(account.toLowerHex(), DefaultBlockParameterName.LATEST), "eth_getBalance")
                .getBalance();
    }

    public boolean hasCode(Address account) {
        String code = send(web3.ethGetCode(account.toLowerHex(), DefaultBlockParameterName.LATEST), "eth_getCode")
                .getCode();
        return code != null && !code.equals("0x") && !code.isEmpty();
    }

    public long latestBlockNumber() {
        return send(web3.ethBlockNumber(), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    /**
     * The latest L1 block number: Arbitrum's {@code l1BlockNumber} header field (what contracts see as
     * {@code block.number} there), or the block's own number on chains without one.
     */
    public long latestL1BlockNumber() {
        Request<Object, ArbitrumBlockResponse> request = new Request<>("eth_getBlockByNumber",
                List.of("latest", false), service, ArbitrumBlockResponse.class);
        ArbitrumBlockResponse.Header header = send(request, "eth_getBlockByNumber(latest)").getResult();
        if (header == null) {
            throw new ChainException(endpoint + " returned no latest block");
        }
        String number = header.getL1BlockNumber() != null ? header.getL1BlockNumber() : header.getNumber();
        if (number == null) {
            throw new ChainException(endpoint + " returned a block without a number");
        }
        return parseQuantity(number, "block number");
    }

    public BigInteger pendingNonce(Address account) {
        return send(web3.ethGetTransactionCount(account.toLowerHex(), DefaultBlockParameterName.PENDING),
                "eth_getTransactionCount").getTransactionCount();
    }

    /** {@code eth_call} of a view function on {@code contract}, decoded by the function's output types. */
    public List<Type> call(Address contract, Function function) {
        String data = FunctionEncoder.encode(function);
        String what = function.getName() + " on " + contract;
        String result = call(Transaction.createEthCallTransaction(null, contract.toLowerHex(), data),
                DefaultBlockParameterName.LATEST, what);
        if (result == null || result.equals("0x")) {
            throw new ChainException(what + " returned no data: is there a contract at " + contract + "?");
        }
        return FunctionReturnDecoder.decode(result, function.getOutputParameters());
    }

    /** Gas for a transaction, or the contract's revert reason before anything is sent. */
    public BigInteger estimateGas(Address from, Address to, String data, BigInteger value, String what) {
        Transaction tx = new Transaction(from.toLowerHex(), null, null, null, to == null ? null : to.toLowerHex(),
                value, data);
        return send(web3.ethEstimateGas(tx), what).getAmountUsed();
    }

    public String sendRawTransaction(byte[] signed, String what) {
        return send(web3.ethSendRawTransaction(Hex.encodePrefixed(signed)), what).getTransactionHash();
    }

    public Optional<TransactionReceipt> receipt(String txHash) {
        return send(web3.ethGetTransactionReceipt(txHash), "eth_getTransactionReceipt").getTransactionReceipt();
    }

    /** Replays a failed transaction as a call at its block to learn why it reverted. */
    public String revertReasonOf(TransactionReceipt receipt, String data, BigInteger value) {
        Transaction replay = new Transaction(receipt.getFrom(), null, null, null, receipt.getTo(), value, data);
        try {
            call(replay, DefaultBlockParameter.valueOf(receipt.getBlockNumber()), "replay");
            return "(no reason: the replay succeeded)";
        } catch (ContractRevertedException e) {
            return e.reason();
        } catch (ChainException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    /** Any other JSON-RPC method (test helpers such as {@code anvil_mine}). */
    public <T extends Response<?>> T request(String method, List<?> params, Class<T> type) {
        return send(new Request<>(method, params, service, type), method);
    }

    private String call(Transaction tx, DefaultBlockParameter block, String what) {
        String value = send(web3.ethCall(tx, block), what).getValue();
        if (value != null && value.startsWith(ERROR_SELECTOR)) {
            throw new ContractRevertedException(what, decodeErrorString(value));
        }
        return value;
    }

    private <T extends Response<?>> T send(Request<?, T> request, String what) {
        T response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new ChainException("cannot reach the Ethereum node at " + endpoint + " (" + what + "): " + e.getMessage(), e);
        }
        if (response.hasError()) {
            throw translate(response.getError(), what);
        }
        return response;
    }

    private static ChainException translate(Response.Error error, String what) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.startsWith(REVERT_PREFIX) || error.getCode() == 3) {
            String reason = message.startsWith(REVERT_PREFIX + ": ") ? message.substring(REVERT_PREFIX.length() + 2) : "";
            if (reason.isEmpty() && error.getData() != null && error.getData().startsWith(ERROR_SELECTOR)) {
                reason = decodeErrorString(error.getData());
            }
            return new ContractRevertedException(what, reason);
        }
        return new ChainException(what + " failed: " + message + " (JSON-RPC error " + error.getCode() + ")");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String decodeErrorString(String revertData) {
        String encoded = "0x" + revertData.substring(ERROR_SELECTOR.length());
        List<Type> decoded = FunctionReturnDecoder.decode(encoded,
                (List) List.of(new TypeReference<Utf8String>() { }));
        return decoded.isEmpty() ? "" : decoded.get(0).getValue().toString();
    }

    static long parseQuantity(String hex, String what) {
        try {
            String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
            return new BigInteger(digits, 16).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ChainException("malformed " + what + " from the node: " + hex);
        }
    }

    @Override
    public void close() {
        web3.shutdown();
    }

    @Override
    public String toString() {
        return "EthClient[" + endpoint + "]";
    }
}
